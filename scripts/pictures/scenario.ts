import { renderChartPng } from '../../src/chart/png.js';
import { runBacktest } from '../../src/app/backtest.js';
import { createDetection } from '../../src/app/detection-binding.js';
import { createMessages } from '../../src/app/messages.js';
import type { AlertView, ChartView } from '../../src/core/alert-view.js';
import type { Incident } from '../../src/core/incident/incident.js';
import type { Mention, SourceKind } from '../../src/core/mention.js';
import { newPlan } from '../../src/core/commands/plan-edits.js';
import type { Plan } from '../../src/core/plan.js';
import { silentLogger } from '../../src/log.js';
import { loadDefaultClassifierWithLanguageId } from '../../src/models/sentiment.js';
import { renderAlertCard } from '../../src/platforms/teams/cards.js';
import { renderTeamsChartPng } from '../../src/platforms/teams/chart.js';
import type { AdaptiveCard } from '../../src/platforms/teams/card-kit.js';
import { renderParent, type SlackMessage } from '../../src/platforms/slack/render.js';
import { createHttpClient } from '../../src/sources/http.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BUCKET_MS = 5 * MINUTE;
const RESOLVE_AFTER_MS = 12 * HOUR;
/** Saturday 14 March 2026, 07:30 UTC: flight AE702 is cancelled at the gate in Casablanca. */
export const T0 = Date.UTC(2026, 2, 14, 7, 30);
/** The moment pictured: two and a half hours later, when the complaint has reached a forum, the news and a petition. */
export const PICTURED_AT = T0 + 2.5 * HOUR;

/** A small seeded generator (mulberry32): the same scenario, and so the same pictures, on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CALM = [
  'Smooth flight with Air Example to Lyon this morning, friendly crew',
  'Air Example adds a summer route to Marrakech, nice',
  'Boarding already with @airexample, on time as usual',
  'The Air Example lounge in Casablanca is great, good coffee',
  'Air Example app update looks clean, check-in took a minute',
  'Booked Air Example for the holidays, good price',
  'Landed in Paris with Air Example, bags came out fast',
];
const GRUMBLES = [
  'Air Example lost my bag again, annoying',
  'Twenty minutes late with Air Example, meh',
  'Air Example seats are too narrow, uncomfortable',
];
const ANGRY = [
  'Air Example cancelled AE702 at the gate and nobody tells us anything. 200 people stuck in Casablanca. Disgusting',
  'Three hours at gate 12 and still no word from @airexample about AE702. Worst airline ever',
  '#AE702 cancelled, no hotel, no food voucher, staff gone. Shame on Air Example, never again',
  'Air Example refuses any refund for AE702, they say call the hotline and the hotline hangs up. Furious',
  'My kids slept on the floor of the airport because Air Example cancelled AE702. Terrible, horrible service',
  'Is anyone from @airexample going to answer the AE702 passengers? Absolutely unacceptable',
];
const FORUM = [
  'Air Example AE702 cancelled in Casablanca, stranded all night with no help, awful experience',
  'Thread: Air Example refuses refunds for AE702, anyone got their money back? Terrible',
];
const NEWS = ['Air Example strands hundreds of passengers in Casablanca after AE702 cancellation, outrage grows online'];
const PETITION = ['Petition: Air Example must refund and compensate the stranded passengers of AE702, shameful and disgraceful treatment'];

const HANDLES = ['lina_travels', 'karim.b', 'sofia_m', 'yassine_ma', 'nora_flies', 'tom_r', 'amal.k', 'julien_p', 'hajar_z', 'meriem_t'];

/**
 * Two calm days of mentions of a fictional airline on several platforms, then a cancelled flight: angry posts on
 * X that grow and are reshared, a forum thread after 40 minutes, a news story after 75, a petition after 100.
 * Written for the pictures and the picture tests; every text is ours.
 */
export function scenarioMentions(): Mention[] {
  const rand = random(702);
  const mentions: Mention[] = [];
  let n = 0;
  const add = (kind: SourceKind, at: number, text: string, extra: Partial<Mention> = {}): void => {
    n += 1;
    const author = HANDLES[n % HANDLES.length]!;
    const url =
      kind === 'x'
        ? `https://x.com/${author}/status/19${String(n).padStart(6, '0')}`
        : kind === 'reddit'
          ? `https://www.reddit.com/r/travel/comments/ae${n}/`
          : kind === 'gnews'
            ? `https://news.example.com/2026/03/14/air-example-ae702-${n}`
            : kind === 'petitions'
              ? 'https://petitions.example.org/refund-ae702'
              : `https://mastodon.social/@${author}/${n}`;
    mentions.push({
      id: `m${n}`,
      sourceKind: kind,
      url,
      author: kind === 'gnews' ? 'News Example' : `@${author}`,
      text,
      publishedAt: at,
      lang: 'en',
      ...extra,
    });
  };
  for (let start = T0 - 48 * HOUR; start < T0; start += BUCKET_MS) {
    const hour = new Date(start).getUTCHours();
    const rate = hour >= 7 && hour <= 21 ? 1.6 : 0.4;
    for (let i = 0; i < Math.floor(rate + rand()); i += 1) {
      const grumble = rand() < 0.15;
      const kind: SourceKind = rand() < 0.7 ? 'x' : rand() < 0.5 ? 'reddit' : 'mastodon';
      const pool = grumble ? GRUMBLES : CALM;
      add(kind, start + Math.floor(rand() * BUCKET_MS), pool[Math.floor(rand() * pool.length)]!, {
        metrics: { likes: Math.floor(rand() * 20), reposts: Math.floor(rand() * 4) },
      });
    }
  }
  for (let start = T0; start < PICTURED_AT; start += BUCKET_MS) {
    const k = (start - T0) / BUCKET_MS;
    const angry = Math.round(3 + 1.6 * k + rand() * 3);
    for (let i = 0; i < angry; i += 1) {
      const viral = k === 2 && i === 0;
      add('x', start + Math.floor(rand() * BUCKET_MS), ANGRY[Math.floor(rand() * ANGRY.length)]!, {
        metrics: viral
          ? { likes: 12_400, reposts: 4_100, replies: 860, quotes: 310, followers: 248_000 }
          : { likes: Math.floor(rand() * 60 * (k + 1)), reposts: Math.floor(rand() * 20 * (k + 1)), followers: Math.floor(rand() * 3000) },
      });
    }
    for (let i = 0; i < 1 + Math.floor(rand() * 2); i += 1) add('x', start + Math.floor(rand() * BUCKET_MS), CALM[Math.floor(rand() * CALM.length)]!);
    if (start >= T0 + 40 * MINUTE) add('reddit', start + 60_000, FORUM[k % FORUM.length]!, { metrics: { likes: 40 * k, replies: 12 * k } });
    if (start >= T0 + 75 * MINUTE && k % 3 === 0) add('gnews', start + 90_000, NEWS[0]!);
    if (start >= T0 + 100 * MINUTE && k % 4 === 0) add('petitions', start + 120_000, PETITION[0]!);
  }
  return mentions;
}

export function scenarioPlan(): Plan {
  return {
    ...newPlan({
      id: 'plan-air-example',
      name: 'Air Example',
      brand: '"Air Example" OR @airexample OR #AE702',
      scope: { platform: 'slack', workspace: 'T0EXAMPLE' },
      destination: { platform: 'slack', workspace: 'T0EXAMPLE', channel: 'C0CRISIS' },
      locale: 'en',
      by: 'U0AMINA',
      at: T0 - 30 * 24 * HOUR,
    }),
    escalation: ['U0KARIM'],
    quietHours: { start: '22:00', end: '07:00', timeZone: 'Africa/Casablanca' },
  };
}

export interface PictureInputs {
  plan: Plan;
  incident: Incident;
  view: AlertView;
  chart: ChartView;
  /** The parent message the Slack notifier posts (`renderParent`). */
  slack: SlackMessage;
  /** The PNG the Slack notifier uploads into the thread (`renderChartPng`). */
  chartPng: Buffer;
  /** The root card the Teams notifier draws once the chart is known (`renderAlertCard` with the 480 px chart). */
  teams: AdaptiveCard;
}

/**
 * The scenario replayed through the live pipeline (`runBacktest`: matching, the shipped sentiment model, buckets,
 * the detector, the incident lifecycle), stopped at PICTURED_AT; then the alert and its chart built as the outbox
 * builds them at delivery (`createMessages`), and drawn by the notifiers' own renderers.
 */
export async function pictureInputs(): Promise<PictureInputs> {
  const plan = scenarioPlan();
  // A fixed id: the pictures (and their record) are the same on every run.
  const detection = createDetection({ bucketMs: BUCKET_MS, resolveAfterMs: RESOLVE_AFTER_MS, newId: () => '0f3e1d2c-7a9b-4c5d-8e6f-0000000ae702' });
  const replay = await runBacktest({
    plan,
    mentions: scenarioMentions(),
    classifier: await loadDefaultClassifierWithLanguageId(),
    detection,
    http: createHttpClient({ allowPrivateUrls: false, timeoutMs: 1000, maxBytes: 1024, userAgent: 'Vigie pictures' }),
    bucketMs: BUCKET_MS,
    resolveAfterMs: RESOLVE_AFTER_MS,
    logger: silentLogger,
    until: PICTURED_AT,
  });
  const incident = replay.incidents.find((i) => i.status === 'open');
  if (!incident) throw new Error(`the scenario opened no incident (${replay.incidents.length} resolved, ${replay.negative} negative mentions)`);
  const message = createMessages({
    store: replay.store,
    detection,
    bucketMs: BUCKET_MS,
    suggest: () => {
      throw new Error('not pictured');
    },
    now: () => PICTURED_AT,
    timeZone: 'UTC',
  });
  const item = {
    id: 'picture',
    incidentId: incident.id,
    planId: plan.id,
    platform: 'slack' as const,
    payload: {},
    createdAt: PICTURED_AT,
    dueAt: PICTURED_AT,
    attempts: 0,
  };
  const open = await message({ ...item, kind: 'open' }, incident, plan);
  const chartMessage = await message({ ...item, kind: 'chart' }, incident, plan);
  if (open?.kind !== 'open' || chartMessage?.kind !== 'chart') throw new Error('the outbox built no alert');
  const teamsChart = await renderTeamsChartPng(chartMessage.chart);
  return {
    plan,
    incident,
    view: open.view,
    chart: chartMessage.chart,
    slack: renderParent(open.view),
    chartPng: await renderChartPng(chartMessage.chart),
    teams: renderAlertCard(open.view, { chartPngBase64: teamsChart.toString('base64') }),
  };
}

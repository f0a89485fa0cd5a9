import type { Incident, Sample } from '../incident/incident.js';
import { channelOf, engagementOf, type Channel, type SourceKind } from '../mention.js';
import type { Plan } from '../plan.js';
import type { FactName, Playbook } from './playbook.js';
import type { Categorization, CategoryId } from './types.js';
import { localTime, planTimeZone } from '../time-zone.js';

/** A post that started the fire: the first negative ones, to be answered where they were posted. */
export interface FirstPost {
  url: string;
  author: string;
  sourceKind: SourceKind;
  channel: Channel;
  publishedAt: number;
}

/**
 * Everything a draft may state, as text: taken from the incident, the plan and the categorisation only. Drafts cite
 * these by name, and the LLM polish is checked against them (no number or name that is not here).
 */
export interface Facts {
  values: Record<Exclude<FactName, 'author' | 'post_url' | 'known' | 'action' | 'decisions'>, string>;
  firstPosts: FirstPost[];
  /** Proper names the drafts may contain: the brand and the authors of the cited posts. */
  names: string[];
}

export interface FactOptions {
  /** Time the drafts are written, epoch ms (the next update is planned from it). */
  now: number;
  /** IANA zone for times in drafts: the plan's (`planTimeZone`), else UTC. */
  timeZone?: string;
  /** The brand as people write it; by default the first quoted phrase or first word of the plan's brand query. */
  brandName?: string;
}

const FIRST_POSTS = 3;
const TOP_POSTS = 3;

/** `"Air Example" OR @airexample -jobs` → `Air Example`: a query is not a name, its first phrase usually is. */
export function brandNameOf(plan: Pick<Plan, 'name' | 'what'>): string {
  const quoted = plan.what.brand.match(/"([^"]+)"/);
  if (quoted?.[1]) return quoted[1].trim();
  const word = plan.what.brand.split(/\s+/).find((w) => w.length > 0 && !/^(AND|OR|NOT)$/.test(w) && !w.startsWith('-'));
  return word?.replace(/^[@#(]+|[)]+$/g, '') || plan.name;
}

function formatTime(at: number, timeZone: string, withDate: boolean): string {
  const { date, time } = localTime(at, timeZone);
  return withDate ? `${date} ${time} ${timeZone}` : `${time} ${timeZone}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function formatWindow(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/**
 * A reply is addressed to a post's author by name, except on news and petition pages, where the draft points at the
 * link instead: a feed's title standing in for a missing author is nobody to answer.
 */
function answerable(sample: Sample): boolean {
  if (sample.byline !== 'publication') return true;
  const channel = channelOf(sample);
  return channel === 'news' || channel === 'petition';
}

function firstPosts(samples: Sample[]): FirstPost[] {
  return [...samples]
    .filter((s) => s.sentiment === 'negative' && answerable(s))
    .sort((a, b) => a.publishedAt - b.publishedAt)
    .slice(0, FIRST_POSTS)
    .map((s) => ({ url: s.url, author: s.author, sourceKind: s.sourceKind, channel: channelOf(s), publishedAt: s.publishedAt }));
}

function label(playbook: Playbook, category: CategoryId): string {
  return playbook.categories[category].label;
}

export function extractFacts(incident: Incident, plan: Plan, playbook: Playbook, categorization: Categorization, options: FactOptions): Facts {
  const timeZone = options.timeZone ?? planTimeZone(plan, 'UTC');
  const brand = options.brandName ?? brandNameOf(plan);
  const first = firstPosts(incident.samples);
  const started = [...incident.sources].sort((a, b) => a.firstSeenAt - b.firstSeenAt)[0];
  const top = [...incident.samples]
    .sort((a, b) => engagementOf(b.metrics) - engagementOf(a.metrics) || a.publishedAt - b.publishedAt)
    .slice(0, TOP_POSTS);
  const { category, breakdown } = categorization;
  const categories = breakdown.map((b) => `${label(playbook, b.category)} (${b.count})`).join(', ') || playbook.none;
  const cadence = playbook.cadenceMinutes[incident.severity.level];
  const nextUpdate = options.now + cadence * 60_000;
  const explanation = incident.explanation;
  return {
    values: {
      brand,
      category: label(playbook, category),
      // A category's issue may cite the brand ("claims circulating about {brand}"): filled here, since the templates
      // that cite {issue} are filled in one pass.
      issue: playbook.categories[category].issue.replaceAll('{brand}', brand),
      categories,
      // A proposal the comms lead confirms: bracketed so that it never passes for a commitment already made.
      next_update: `[${formatTime(nextUpdate, timeZone, false)}]`,
      opened_at: formatTime(incident.openedAt, timeZone, true),
      first_seen: started ? formatTime(started.firstSeenAt, timeZone, true) : playbook.none,
      first_channel: started ? `${started.kind} (${playbook.channels[started.channel]})` : playbook.none,
      negative: formatNumber(incident.counts.negative),
      total: formatNumber(incident.counts.total),
      expected: formatNumber(Math.round(incident.counts.expectedNegative)),
      ratio: `×${formatNumber(Math.round(explanation.ratio * 10) / 10)}`,
      window: formatWindow(explanation.windowMs),
      reach: formatNumber(incident.counts.engagement),
      stage: `${incident.stage}/4`,
      stage_label: playbook.stages[incident.stage - 1]!,
      severity: playbook.severities[incident.severity.level],
      severity_score: `${formatNumber(Math.round(incident.severity.score))}/100`,
      sources: incident.sources.map((s) => `${s.kind} (${playbook.channels[s.channel]}): ${s.negative}`).join('; ') || playbook.none,
      top_posts: top.map((s) => s.url).join(' ') || playbook.none,
      owners: plan.escalation.length > 0 ? plan.escalation.join(', ') : '[owner]',
    },
    firstPosts: first,
    names: [brand, ...new Set(first.map((p) => p.author).concat(top.map((s) => s.author)))],
  };
}

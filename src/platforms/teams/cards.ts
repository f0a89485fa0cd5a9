import { ALERT_ACTIONS, type AlertAction, type AlertView } from '../../core/alert-view.js';
import type { DraftKind, SeverityLevel } from '../../core/incident/incident.js';
import type { Suggestion } from '../../core/respond/types.js';
import { listSeparator, translator, type MessageKey, type Translate } from '../../i18n/catalog.js';
import type { MentionEntity, OutboundActivity } from './port.js';
import { sentimentModelsLine } from '../alert-text.js';
import { card, duration, facts, heading, linkTarget, num, plain, text, when, type AdaptiveCard, type CardElement } from './card-kit.js';

/** `Action.Execute` verbs of the alert buttons; the data carries the incident id. */
export const ACTION_VERB_PREFIX = 'vigie.alert.';
export function actionVerb(action: AlertAction): string {
  return `${ACTION_VERB_PREFIX}${action}`;
}
export function actionOfVerb(verb: string): AlertAction | undefined {
  const name = verb.startsWith(ACTION_VERB_PREFIX) ? verb.slice(ACTION_VERB_PREFIX.length) : '';
  return (ALERT_ACTIONS as readonly string[]).includes(name) ? (name as AlertAction) : undefined;
}

/** `Action.Submit` verb of the "Mark as used" button under each draft; the data carries the incident, the draft, its text. */
export const DRAFT_USED_VERB = 'vigie.draft.used';

const ICON: Record<SeverityLevel, string> = { low: '🟡', medium: '🟠', high: '🔴', critical: '🚨' };
const STYLE: Record<SeverityLevel, string> = { low: 'emphasis', medium: 'warning', high: 'attention', critical: 'attention' };

function severityText(t: Translate, view: AlertView): string {
  return t('teams.alert.severityValue', { level: t(`teams.severity.${view.severity.level}`), score: Math.round(view.severity.score) });
}

function volumeFact(t: Translate, view: AlertView): [string, string] {
  const e = view.explanation;
  const window = duration(t, e.windowMs);
  const ratio = num(view.locale, e.ratio);
  if (e.metric === 'share') {
    const pct = (x: number): string => num(view.locale, x * 100, 0);
    return [
      t('teams.alert.share'),
      t('teams.alert.shareValue', { observed: pct(e.observed), expected: pct(e.expected), spread: pct(e.spread), window, ratio }),
    ];
  }
  return [
    t('teams.alert.volume'),
    t('teams.alert.volumeValue', {
      observed: num(view.locale, e.observed, 0),
      expected: num(view.locale, e.expected),
      spread: num(view.locale, e.spread),
      window,
      ratio,
    }),
  ];
}

/** "1 in N" reads better than a p-value for a comms lead. */
function odds(locale: AlertView['locale'], probability: number): string {
  return num(locale, Math.round(1 / Math.max(probability, 1e-9)), 0);
}

function stateLines(t: Translate, view: AlertView): CardElement[] {
  const s = view.state;
  const lines: string[] = [];
  if (s.acknowledged) lines.push(t('teams.alert.state.acknowledged', { by: plain(s.acknowledged.by, 80), time: when(s.acknowledged.at) }));
  if (s.escalated) lines.push(t('teams.alert.state.escalated', { by: plain(s.escalated.by, 80), time: when(s.escalated.at) }));
  if (s.muted) lines.push(t('teams.alert.state.muted', { by: plain(s.muted.by, 80), until: when(s.muted.until) }));
  if (s.falsePositive) lines.push(t('teams.alert.state.falsePositive', { by: plain(s.falsePositive.by, 80), time: when(s.falsePositive.at) }));
  return lines.map((line) => text(line, { spacing: 'Small' }));
}

function postLines(t: Translate, view: AlertView): CardElement[] {
  if (view.topPosts.length === 0) return [text(t('teams.alert.noPosts'), { isSubtle: true })];
  return view.topPosts.slice(0, 5).map((post) => {
    const m = post.metrics;
    const line = t('teams.alert.post', {
      author: plain(post.author, 60).replace(/\\[[\]]/g, ''),
      url: linkTarget(post.url),
      kind: t(`teams.kind.${post.sourceKind}`),
      text: plain(post.text, 240),
    });
    const engagement =
      m === undefined
        ? []
        : [
            text(
              t('teams.alert.engagement', {
                likes: num(view.locale, m.likes ?? 0, 0),
                reposts: num(view.locale, m.reposts ?? 0, 0),
                replies: num(view.locale, m.replies ?? 0, 0),
              }),
              { isSubtle: true, size: 'Small', spacing: 'None' },
            ),
          ];
    const ref = text(t('corr.post_ref', { ref: post.ref }), { isSubtle: true, size: 'Small', spacing: 'None', fontType: 'Monospace' });
    return { type: 'Container', spacing: 'Small', items: [text(line, { maxLines: 4 }), ...engagement, ref] };
  });
}

/** A choice title is plain text (no markdown to escape): one line, clipped. */
function choiceText(value: string, max = 60): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Verb of the "wrong sentiment" form's `Action.Submit`: its inputs `post` (a reference) and `label` come with it. */
export const CORRECT_VERB = 'vigie.correct';

/** "Wrong sentiment?": pick an evidence post and its right label; the submit re-enters the command path as `correct`. */
function correctionForm(t: Translate, view: AlertView): CardElement[] {
  const posts = view.topPosts.slice(0, 5);
  if (posts.length === 0) return [];
  return [
    {
      type: 'Action.ShowCard',
      title: t('corr.teams.show'),
      card: card(
        view.locale,
        [
          {
            type: 'Input.ChoiceSet',
            id: 'post',
            label: t('corr.teams.post'),
            style: 'compact',
            value: posts[0]!.ref,
            choices: posts.map((p) => ({ title: t('corr.teams.choice', { ref: p.ref, text: choiceText(p.text) }), value: p.ref })),
          },
          {
            type: 'Input.ChoiceSet',
            id: 'label',
            label: t('corr.teams.label'),
            style: 'expanded',
            value: 'neutral',
            choices: (['neutral', 'positive'] as const).map((label) => ({ title: t(`corr.label.${label}`), value: label })),
          },
        ],
        [{ type: 'Action.Submit', title: t('corr.teams.submit'), data: { verb: CORRECT_VERB, incidentId: view.incidentId } }],
      ),
    },
  ];
}

function buttons(t: Translate, view: AlertView): CardElement[] {
  const report: CardElement[] = view.reportUrl === undefined ? [] : [{ type: 'Action.OpenUrl', title: t('report.open'), url: view.reportUrl }];
  if (view.status === 'resolved') return report;
  const alertButtons: CardElement[] = ALERT_ACTIONS.map((action) => ({
    type: 'Action.Execute',
    title: t(`teams.action.${action}` as MessageKey),
    verb: actionVerb(action),
    data: { incidentId: view.incidentId },
    ...(action === 'escalate' ? { style: 'destructive' } : {}),
  }));
  return [...alertButtons, ...report];
}

/**
 * The root post of an incident: severity, domino stage, negative volume against the baseline with the detector's
 * numbers, sources reached, top negative posts, the chart when given, and the four buttons while it is open.
 */
export function renderAlertCard(view: AlertView, options: { chartPngBase64?: string } = {}): AdaptiveCard {
  const t = translator(view.locale);
  const resolved = view.status === 'resolved' && view.resolvedAt !== undefined;
  const header: CardElement = {
    type: 'Container',
    style: resolved ? 'good' : STYLE[view.severity.level],
    bleed: true,
    items: [
      text(t('teams.alert.title', { icon: ICON[view.severity.level], plan: plain(view.planName, 60) }), { size: 'Large', weight: 'Bolder' }),
      text(t('teams.alert.brand', { brand: plain(view.brand, 120) }), { spacing: 'Small' }),
      text(
        resolved && view.resolvedAt !== undefined
          ? t('teams.alert.resolved', { time: when(view.resolvedAt), duration: duration(t, view.resolvedAt - view.openedAt) })
          : t('teams.alert.opened', { time: when(view.openedAt) }),
        { isSubtle: true, spacing: 'Small' },
      ),
    ],
  };
  const e = view.explanation;
  const sources = [...view.sources]
    .sort((a, b) => b.negative - a.negative || a.firstSeenAt - b.firstSeenAt)
    .map((s) => t('teams.alert.source', { kind: t(`teams.kind.${s.kind}`), negative: s.negative }))
    .join(listSeparator(view.locale));
  const body: CardElement[] = [
    header,
    facts([
      [t('teams.alert.severity'), severityText(t, view)],
      [t('teams.alert.stage'), t('teams.alert.stageValue', { stage: view.stage, name: t(`teams.stage.${view.stage}`) })],
      volumeFact(t, view),
      [t('teams.alert.odds'), t('teams.alert.oddsValue', { odds: odds(view.locale, e.tailProbability), threshold: odds(view.locale, e.threshold) })],
      [
        t('teams.alert.totals'),
        t('teams.alert.totalsValue', {
          negative: num(view.locale, view.counts.negative, 0),
          total: num(view.locale, view.counts.total, 0),
          expected: num(view.locale, view.counts.expectedNegative),
        }),
      ],
      [t('teams.alert.sources'), sources],
    ]),
    ...stateLines(t, view),
    heading(t('teams.alert.topPosts')),
    ...postLines(t, view),
    ...(view.topPosts.length > 0 ? [text(plain(sentimentModelsLine(view, t), 200), { isSubtle: true, size: 'Small' })] : []),
  ];
  if (options.chartPngBase64 !== undefined) {
    body.push({
      type: 'Image',
      url: `data:image/png;base64,${options.chartPngBase64}`,
      altText: t('teams.alert.chartAlt'),
      size: 'Stretch',
      spacing: 'Medium',
    });
  }
  return card(view.locale, body, [...buttons(t, view), ...(view.status === 'resolved' ? [] : correctionForm(t, view))]);
}

/** Notification preview of an alert post (what Teams shows in the activity feed). */
export function alertSummary(view: AlertView): string {
  const t = translator(view.locale);
  return t('teams.alert.summary', { plan: view.planName, level: t(`teams.severity.${view.severity.level}`) });
}

/** In a chat there is no thread: each follow-up starts with a line naming the alert it is about. */
export function referenceLine(view: AlertView): CardElement {
  const t = translator(view.locale);
  return text(t('teams.thread.reference', { plan: plain(view.planName, 60), time: when(view.openedAt) }), { isSubtle: true, size: 'Small' });
}

export function renderUpdateCard(
  view: AlertView,
  previous: { stage: number; severity: number; negative: number },
  lead: CardElement[] = [],
): AdaptiveCard {
  const t = translator(view.locale);
  const changes = [
    t('teams.update.stage', { from: previous.stage, to: view.stage }),
    t('teams.update.severity', { from: Math.round(previous.severity), to: Math.round(view.severity.score) }),
    t('teams.update.negative', { from: num(view.locale, previous.negative, 0), to: num(view.locale, view.counts.negative, 0) }),
  ];
  return card(view.locale, [
    ...lead,
    text(t('teams.update.title', { plan: plain(view.planName, 60) }), { weight: 'Bolder' }),
    text(changes.join(' · '), { spacing: 'Small' }),
    facts([volumeFact(t, view), [t('teams.alert.severity'), severityText(t, view)]]),
  ]);
}

export function renderResolutionCard(view: AlertView, lead: CardElement[] = []): AdaptiveCard {
  const t = translator(view.locale);
  const span = (view.resolvedAt ?? view.openedAt) - view.openedAt;
  return card(view.locale, [
    ...lead,
    text(t('teams.resolve.title', { plan: plain(view.planName, 60) }), { weight: 'Bolder', color: 'Good' }),
    text(t('teams.resolve.body', { negative: num(view.locale, view.counts.negative, 0), duration: duration(t, span) }), { spacing: 'Small' }),
  ]);
}

function draftBlock(t: Translate, view: AlertView, kind: DraftKind, title: string, body: string): CardElement[] {
  const id = `draft-${kind}`;
  const used = {
    type: 'Action.Submit',
    title: t('used.button'),
    data: { verb: DRAFT_USED_VERB, incidentId: view.incidentId, draft: kind, text: body },
  };
  return [
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [id] }] },
    { type: 'Container', id, isVisible: false, items: [text(body), { type: 'ActionSet', actions: [used] }] },
  ];
}

/** Category with its evidence, then the drafts behind toggles so the thread stays readable. */
export function renderSuggestionCard(view: AlertView, suggestion: Suggestion, lead: CardElement[] = []): AdaptiveCard {
  const t = translator(suggestion.locale);
  const c = suggestion.categorization;
  const category = (id: string): string => t(`teams.category.${id}` as MessageKey);
  const head: CardElement[] = c.mixed
    ? [
        text(t('teams.suggest.mixed'), { spacing: 'Small' }),
        text(
          c.breakdown
            .slice(0, 4)
            .map(
              (b) =>
                `- ${t('teams.suggest.share', { category: category(b.category), count: b.count, share: num(suggestion.locale, b.share * 100, 0) })}`,
            )
            .join('\n'),
          { spacing: 'None' },
        ),
      ]
    : [text(t('teams.suggest.category', { category: category(c.category) }), { spacing: 'Small' })];
  const evidence = c.evidence
    .slice(0, 3)
    .map((e) =>
      e.url !== undefined
        ? `- ${t('teams.suggest.evidenceLink', { phrase: plain(e.phrase, 60), excerpt: plain(e.excerpt, 120), url: linkTarget(e.url) })}`
        : `- ${t('teams.suggest.evidenceText', { phrase: plain(e.phrase, 60), excerpt: plain(e.excerpt, 120) })}`,
    );
  const d = suggestion.drafts;
  const list = (items: string[]): string => items.map((i) => `- ${i}`).join('\n');
  return card(suggestion.locale, [
    ...lead,
    text(t('teams.suggest.title', { plan: plain(view.planName, 60) }), { weight: 'Bolder' }),
    ...head,
    ...(evidence.length > 0
      ? [text(t('teams.suggest.evidence'), { weight: 'Bolder', spacing: 'Small' }), text(evidence.join('\n'), { spacing: 'None' })]
      : []),
    text(t(suggestion.polished ? 'teams.suggest.polished' : 'teams.suggest.template'), { isSubtle: true, size: 'Small' }),
    ...draftBlock(t, view, 'holding', t('teams.suggest.holding'), d.holding),
    ...draftBlock(t, view, 'reply', t('teams.suggest.reply'), d.reply),
    ...draftBlock(t, view, 'brief', t('teams.suggest.brief'), d.brief),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [text(t('teams.suggest.do'), { weight: 'Bolder', color: 'Good' }), text(list(d.checklist.do), { spacing: 'None' })],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [text(t('teams.suggest.dont'), { weight: 'Bolder', color: 'Attention' }), text(list(d.checklist.dont), { spacing: 'None' })],
        },
      ],
    },
  ]);
}

/** The chart reply: the PNG inline when small enough, else a line saying why it is missing. */
export function renderChartCard(view: AlertView, chart: { pngBase64?: string; tooLargeKb?: number }, lead: CardElement[] = []): AdaptiveCard {
  const t = translator(view.locale);
  const body: CardElement[] = [...lead, text(t('teams.chart.title'), { weight: 'Bolder' })];
  if (chart.pngBase64 !== undefined) {
    body.push({ type: 'Image', url: `data:image/png;base64,${chart.pngBase64}`, altText: t('teams.alert.chartAlt'), size: 'Stretch' });
  } else if (chart.tooLargeKb !== undefined) {
    body.push(text(t('teams.chart.tooLarge', { kb: chart.tooLargeKb }), { isSubtle: true }));
  } else {
    body.push(text(t('teams.chart.unavailable'), { isSubtle: true }));
  }
  return card(view.locale, body);
}

/** The escalation reply: real Teams mentions of the plan's escalation contacts, so they are notified. */
export function renderEscalation(view: AlertView, by: string, contacts: Array<{ id: string; name: string }>): OutboundActivity {
  const t = translator(view.locale);
  if (contacts.length === 0) {
    return { text: t('teams.escalate.noContacts', { by: plain(by, 80), plan: plain(view.planName, 60) }), textFormat: 'markdown' };
  }
  const entities: MentionEntity[] = contacts.map((c) => ({ type: 'mention', text: `<at>${c.name}</at>`, mentioned: { id: c.id, name: c.name } }));
  const mentions = entities.map((e) => e.text).join(listSeparator(view.locale));
  return { text: t('teams.escalate.text', { by: plain(by, 80), plan: plain(view.planName, 60), mentions }), textFormat: 'markdown', entities };
}

import type { AlertView } from '../../core/alert-view.js';
import { ALERT_ACTIONS } from '../../core/alert-view.js';
import type { DraftKind, SeverityLevel } from '../../core/incident/incident.js';
import type { Metrics } from '../../core/mention.js';
import type { Suggestion } from '../../core/respond/types.js';
import type { Translate } from '../../i18n/catalog.js';
import { listSeparator, sequenceArrow, translator } from '../../i18n/catalog.js';
import type { KnownBlock } from './blocks.js';
import { LIMITS, clip, context, divider, escapeText, fitBlocks, header, link, plain, section, sections, slackDate } from './blocks.js';
import { formatCompact, formatDuration, formatNumber } from './format.js';
import { sentimentModelsLine } from '../alert-text.js';

/** What the notifier posts: Block Kit plus the plain fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The block of the four buttons; its id lets a click be told apart from other interactive blocks. */
export const ACTIONS_BLOCK_ID = 'vigie_alert_actions';

const ICON: Record<SeverityLevel, string> = { low: '🟢', medium: '🟡', high: '🟠', critical: '🔴' };
const METRICS: Array<keyof Metrics> = ['likes', 'reposts', 'replies', 'quotes', 'views', 'followers'];
const POST_TEXT_MAX = 280;
const EXCERPT_MAX = 200;
const EVIDENCE_MAX = 5;
const EVIDENCE_POSTS = 5;

// Slack user ids only: anything else in the escalation list would be text an attacker could shape into a mention.
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

function fallback(text: string): string {
  return clip(text, LIMITS.fallbackText);
}

function levelOf(tr: Translate, view: AlertView): string {
  return tr(`slack.severity.${view.severity.level}` as const);
}

function volumeLine(tr: Translate, view: AlertView): string {
  const e = view.explanation;
  const window = formatDuration(tr, e.windowMs);
  if (e.metric === 'share') {
    return tr('slack.alert.share', {
      observed: formatNumber(view.locale, e.observed * 100),
      expected: formatNumber(view.locale, e.expected * 100),
      spread: formatNumber(view.locale, e.spread * 100),
      window,
    });
  }
  return tr('slack.alert.volume', {
    observed: formatNumber(view.locale, e.observed),
    expected: formatNumber(view.locale, e.expected),
    spread: formatNumber(view.locale, e.spread),
    ratio: formatNumber(view.locale, e.ratio),
    window,
  });
}

function sourcesLine(tr: Translate, view: AlertView): string {
  if (view.sources.length === 0) return tr('slack.alert.noSources');
  const list = [...view.sources]
    .sort((a, b) => a.firstSeenAt - b.firstSeenAt)
    .map((s) => tr('slack.alert.sourceItem', { kind: tr(`slack.kind.${s.kind}` as const), negative: formatNumber(view.locale, s.negative) }))
    .join(sequenceArrow(view.locale));
  return tr('slack.alert.sources', { list });
}

function reachOf(tr: Translate, view: AlertView, post: AlertView['topPosts'][number]): string | undefined {
  const parts: string[] = [];
  for (const metric of METRICS) {
    const value = post.metrics?.[metric];
    if (value === undefined || value === 0) continue;
    parts.push(tr(`slack.metric.${metric}` as const, { value: formatCompact(view.locale, value), n: value }));
  }
  if (post.velocity !== undefined && post.velocity > 0) {
    parts.push(tr('slack.alert.velocity', { value: formatNumber(view.locale, post.velocity) }));
  }
  return parts.length === 0 ? undefined : tr('slack.alert.reach', { metrics: parts.join(' · ') });
}

/** The action id of the "wrong sentiment" menu beside each evidence post; its values are `<post ref> <label>`. */
export const CORRECT_ACTION_ID = 'vigie_correct_sentiment';
const CORRECTED_TO = ['neutral', 'positive'] as const;

function postBlock(tr: Translate, view: AlertView, post: AlertView['topPosts'][number], withMenu: boolean): KnownBlock {
  const text = escapeText(clip(post.text.replace(/\s+/g, ' ').trim(), POST_TEXT_MAX));
  const line = tr('slack.alert.post', {
    link: link(post.url, post.author || post.url),
    kind: tr(`slack.kind.${post.sourceKind}` as const),
    text,
  });
  const reach = reachOf(tr, view, post);
  const ref = tr('corr.post_ref', { ref: post.ref });
  const block = section(reach === undefined ? `${line}\n${ref}` : `${line}\n_${reach}_ · ${ref}`);
  if (!withMenu) return block;
  return {
    ...block,
    accessory: {
      type: 'overflow',
      action_id: CORRECT_ACTION_ID,
      options: CORRECTED_TO.map((label) => ({ text: plain(tr(`corr.option.${label}`), LIMITS.optionText), value: `${post.ref} ${label}` })),
    },
  } as KnownBlock;
}

function stateLines(tr: Translate, view: AlertView): string[] {
  const lines: string[] = [];
  const { acknowledged, escalated, muted, falsePositive } = view.state;
  if (acknowledged) lines.push(tr('slack.alert.state.acknowledged', { user: acknowledged.by, at: slackDate(acknowledged.at, view.timeZone) }));
  if (escalated) lines.push(tr('slack.alert.state.escalated', { user: escalated.by, at: slackDate(escalated.at, view.timeZone) }));
  if (muted) lines.push(tr('slack.alert.state.muted', { user: muted.by, until: slackDate(muted.until, view.timeZone) }));
  if (falsePositive) lines.push(tr('slack.alert.state.falsePositive', { user: falsePositive.by, at: slackDate(falsePositive.at, view.timeZone) }));
  if (view.status === 'resolved' && view.resolvedAt !== undefined) {
    lines.push(tr('slack.alert.state.resolved', { at: slackDate(view.resolvedAt, view.timeZone) }));
  }
  return lines;
}

function actionsBlock(tr: Translate, view: AlertView): KnownBlock {
  return {
    type: 'actions',
    block_id: ACTIONS_BLOCK_ID,
    elements: ALERT_ACTIONS.map((action) => ({
      type: 'button' as const,
      action_id: action,
      value: view.incidentId,
      text: plain(tr(`slack.button.${action}` as const), LIMITS.buttonText),
      ...(action === 'acknowledge' ? { style: 'primary' as const } : {}),
      ...(action === 'escalate' ? { style: 'danger' as const } : {}),
      ...(action === 'not_crisis'
        ? {
            confirm: {
              title: plain(tr('slack.confirm.title'), 100),
              text: plain(tr('slack.confirm.text'), 300),
              confirm: plain(tr('slack.confirm.yes'), 30),
              deny: plain(tr('slack.confirm.no'), 30),
            },
          }
        : {}),
    })),
  };
}

/** The block of the "Open report" link button; Slack still sends its click, which is only acknowledged. */
export const REPORT_BLOCK_ID = 'vigie_report_link';

function reportBlock(tr: Translate, url: string): KnownBlock {
  return {
    type: 'actions',
    block_id: REPORT_BLOCK_ID,
    elements: [{ type: 'button', action_id: 'open_report', url, text: plain(tr('report.open'), LIMITS.buttonText) }],
  };
}

/** Buttons are offered while someone can still act on the incident. */
function actionable(view: AlertView): boolean {
  return view.status === 'open' && view.state.falsePositive === undefined;
}

/** The parent message of an incident thread: what happened, how far it spread, the evidence, the buttons. */
export function renderParent(view: AlertView): SlackMessage {
  const tr = translator(view.locale);
  const level = levelOf(tr, view);
  const blocks: KnownBlock[] = [
    header(tr('slack.alert.title', { icon: ICON[view.severity.level], level, plan: view.planName })),
    section(
      [
        tr('slack.alert.stage', { stage: view.stage, label: tr(`slack.stage.${view.stage}` as const) }),
        tr('slack.alert.score', { score: Math.round(view.severity.score) }),
      ].join('\n'),
    ),
    section(
      [
        volumeLine(tr, view),
        tr('slack.alert.peak', {
          negative: formatNumber(view.locale, view.peak.negative),
          at: slackDate(view.peak.bucketStart, view.timeZone),
          expected: formatNumber(view.locale, view.peak.expected),
        }),
        tr('slack.alert.totals', {
          since: slackDate(view.openedAt, view.timeZone),
          negative: formatNumber(view.locale, view.counts.negative),
          total: formatNumber(view.locale, view.counts.total),
          engagement: formatCompact(view.locale, view.counts.engagement),
        }),
      ].join('\n'),
    ),
    section(sourcesLine(tr, view)),
  ];
  const withButtons = actionable(view);
  if (view.topPosts.length > 0) {
    blocks.push(section(tr('slack.alert.topPosts')));
    for (const post of view.topPosts.slice(0, EVIDENCE_POSTS)) blocks.push(postBlock(tr, view, post, withButtons));
    blocks.push(context([escapeText(sentimentModelsLine(view, tr))]));
  }
  const state = stateLines(tr, view);
  if (state.length > 0) blocks.push(context(state));
  if (withButtons) blocks.push(actionsBlock(tr, view));
  if (view.reportUrl !== undefined) blocks.push(reportBlock(tr, view.reportUrl));
  const kept = (withButtons ? 1 : 0) + (view.reportUrl !== undefined ? 1 : 0);
  return {
    text: fallback(
      tr('slack.alert.fallback', {
        level,
        plan: view.planName,
        observed: formatNumber(view.locale, view.explanation.observed),
        expected: formatNumber(view.locale, view.explanation.expected),
      }),
    ),
    blocks: fitBlocks(blocks, tr('slack.alert.more', { plan: view.planName }), kept),
  };
}

/** A thread reply while the incident grows: what changed since the last notification, in numbers. */
export function renderUpdate(view: AlertView, previous: { stage: number; severity: number; negative: number }): SlackMessage {
  const tr = translator(view.locale);
  const lines = [tr('slack.update.title')];
  if (view.stage !== previous.stage) {
    lines.push(tr('slack.update.stage', { from: previous.stage, to: view.stage, label: tr(`slack.stage.${view.stage}` as const) }));
  }
  if (Math.round(view.severity.score) !== Math.round(previous.severity)) {
    lines.push(tr('slack.update.severity', { from: Math.round(previous.severity), to: Math.round(view.severity.score) }));
  }
  lines.push(
    tr('slack.update.negative', {
      from: formatNumber(view.locale, previous.negative),
      to: formatNumber(view.locale, view.counts.negative),
    }),
  );
  return {
    text: fallback(tr('slack.update.fallback', { plan: view.planName })),
    blocks: [section(lines.join('\n')), section(`${volumeLine(tr, view)}\n${sourcesLine(tr, view)}`)],
  };
}

export function renderResolution(view: AlertView): SlackMessage {
  const tr = translator(view.locale);
  const end = view.resolvedAt ?? view.openedAt;
  return {
    text: fallback(tr('slack.resolve.fallback', { plan: view.planName })),
    blocks: [
      section(
        tr('slack.resolve.text', {
          observed: formatNumber(view.locale, view.explanation.observed),
          expected: formatNumber(view.locale, view.explanation.expected),
          duration: formatDuration(tr, end - view.openedAt),
        }),
      ),
    ],
  };
}

/** The escalation reply mentions the plan's contacts; the notifier broadcasts it to the channel. */
export function renderEscalation(view: AlertView, by: string): SlackMessage {
  const tr = translator(view.locale);
  const mentions = view.escalation
    .filter((id) => USER_ID.test(id))
    .map((id) => `<@${id}>`)
    .join(' ');
  const base = tr('slack.escalate.fallback', { plan: view.planName });
  const text = mentions === '' ? tr('slack.escalate.nobody', { by, plan: view.planName }) : tr('slack.escalate.text', { by, mentions });
  // The fallback carries the mentions too: it is what notifications and screen readers show.
  return { text: fallback(mentions === '' ? base : `${base}: ${mentions}`), blocks: [section(text)] };
}

function categoryLine(tr: Translate, view: AlertView, suggestion: Suggestion): string {
  const { categorization } = suggestion;
  if (categorization.mixed) {
    const breakdown = categorization.breakdown
      .map((b) =>
        tr('slack.suggest.breakdownItem', {
          category: tr(`slack.category.${b.category}` as const),
          share: formatNumber(view.locale, b.share * 100, 0),
        }),
      )
      .join(listSeparator(view.locale));
    return tr('slack.suggest.mixed', { breakdown });
  }
  const lead = categorization.breakdown.find((b) => b.category === categorization.category);
  return tr('slack.suggest.category', {
    category: tr(`slack.category.${categorization.category}` as const),
    share: formatNumber(view.locale, (lead?.share ?? 0) * 100, 0),
  });
}

function evidenceLines(tr: Translate, suggestion: Suggestion): string[] {
  return suggestion.categorization.evidence.slice(0, EVIDENCE_MAX).map((e) => {
    const excerpt = clip(e.excerpt.replace(/\s+/g, ' ').trim(), EXCERPT_MAX);
    return tr('slack.suggest.evidenceItem', {
      phrase: escapeText(e.phrase),
      excerpt: e.url === undefined ? `_${escapeText(excerpt)}_` : link(e.url, excerpt),
    });
  });
}

function draft(title: string, body: string): KnownBlock[] {
  return sections(`${title}\n${escapeText(body)}`);
}

/** The "Mark as used" buttons: one block per draft, told apart from the alert's own buttons by this prefix. */
export const DRAFT_USED_BLOCK_PREFIX = 'vigie_draft_used_';
export const DRAFT_USED_ACTION_ID = 'draft_used';

/** What a "Mark as used" click carries: the incident, the draft, and its text as shown when it fits a button's value. */
export interface DraftUsedValue {
  i: string;
  k: DraftKind;
  t?: string;
}

export function draftUsedValue(incidentId: string, kind: DraftKind, text: string): string {
  const full = JSON.stringify({ i: incidentId, k: kind, t: text } satisfies DraftUsedValue);
  // A longer draft is recorded from the incident's template by the command path.
  return full.length <= LIMITS.buttonValue ? full : JSON.stringify({ i: incidentId, k: kind } satisfies DraftUsedValue);
}

function usedButton(tr: Translate, view: AlertView, kind: DraftKind, text: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `${DRAFT_USED_BLOCK_PREFIX}${kind}`,
    elements: [
      {
        type: 'button' as const,
        action_id: DRAFT_USED_ACTION_ID,
        value: draftUsedValue(view.incidentId, kind, text),
        text: plain(tr('used.button'), LIMITS.buttonText),
      },
    ],
  };
}

/** Category with its evidence, then the drafts a comms lead adapts: holding statement, reply, brief, checklist. */
export function renderSuggestions(view: AlertView, suggestion: Suggestion): SlackMessage {
  const tr = translator(suggestion.locale);
  const { drafts } = suggestion;
  const evidence = evidenceLines(tr, suggestion);
  const blocks: KnownBlock[] = [
    header(`💡 ${tr('slack.suggest.title')}`),
    section(categoryLine(tr, view, suggestion)),
    ...(evidence.length > 0 ? [section([tr('slack.suggest.evidence'), ...evidence].join('\n'))] : []),
    divider(),
    ...draft(tr('slack.suggest.holding'), drafts.holding),
    usedButton(tr, view, 'holding', drafts.holding),
    ...draft(tr('slack.suggest.reply'), drafts.reply),
    usedButton(tr, view, 'reply', drafts.reply),
    ...draft(tr('slack.suggest.brief'), drafts.brief),
    usedButton(tr, view, 'brief', drafts.brief),
    ...draft(tr('slack.suggest.do'), drafts.checklist.do.map((d) => `• ${d}`).join('\n')),
    ...draft(tr('slack.suggest.dont'), drafts.checklist.dont.map((d) => `• ${d}`).join('\n')),
    context([tr(suggestion.polished ? 'slack.suggest.polished' : 'slack.suggest.template')]),
  ];
  return {
    text: fallback(tr('slack.suggest.fallback', { plan: view.planName })),
    blocks: fitBlocks(blocks, tr('slack.alert.more', { plan: view.planName }), 1),
  };
}

import { BUILTIN_SENTIMENT_MODEL, CORRECTIONS_MODEL, type AlertView } from '../core/alert-view.js';
import { ARABIC_INTL_LOCALE, type Locale } from '../i18n/locale.js';
import { listSeparator, type Translate } from '../i18n/catalog.js';
import { formatInZone } from '../core/time-zone.js';

/**
 * Alert sentences shared by every renderer (terminal, Slack, Teams fallback text): numbers from the view,
 * words from the catalogue.
 */
export function formatAt(ms: number, timeZone = 'UTC'): string {
  return formatInZone(ms, timeZone);
}

/** `30 min`, `2 h`, `1 h 30 min`: the same in English and French. */
export function humanDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function round(n: number, digits = 0): string {
  const factor = 10 ** digits;
  return String(Math.round(n * factor) / factor);
}

function tail(p: number): string {
  return p < 0.001 ? p.toExponential(1) : round(p, 3);
}

export function headline(view: AlertView, t: Translate): string {
  const params = { level: t(`alert.level.${view.severity.level}`), plan: view.planName, brand: view.brand };
  return view.status === 'resolved' ? t('alert.title.resolved', params) : t('alert.title', params);
}

export function explanation(view: AlertView, t: Translate, locale: Locale): string {
  const e = view.explanation;
  const window = humanDuration(e.windowMs);
  if (e.metric === 'share') {
    return t('alert.explanation.share', {
      observed: round(e.observed * 100),
      expected: round(e.expected * 100),
      window,
      tail: tail(e.tailProbability),
    });
  }
  const day = new Intl.DateTimeFormat(locale === 'ar' ? ARABIC_INTL_LOCALE : locale, { weekday: 'long', timeZone: 'UTC' }).format(
    e.slot ? Date.UTC(2024, 0, 7 + e.slot.day, e.slot.hour) : view.openedAt,
  );
  return t('alert.explanation.negative', {
    observed: round(e.observed),
    window,
    expected: round(e.expected),
    spread: round(e.spread),
    day,
    ratio: round(e.ratio, 1),
    tail: tail(e.tailProbability),
  });
}

export function severityLine(view: AlertView, t: Translate): string {
  const p = view.severity.parts;
  return t('alert.severity', {
    score: round(view.severity.score),
    size: round(p.size, 2),
    speed: round(p.speed, 2),
    reach: view.severity.reachUnknown ? t('alert.reach.unknown') : round(p.reach, 2),
    stage: round(p.stage, 2),
  });
}

export function sourcesLine(view: AlertView, t: Translate): string {
  const sources = view.sources.map((s) => `${s.kind} (${t(`alert.channel.${s.channel}`)}, ${s.negative})`).join(listSeparator(view.locale));
  return t('alert.sources', { sources: sources || '-' });
}

/** Which model scored the posts behind the alert (a remote model, Vigie's own, or both after a fallback). */
export function sentimentModelsLine(view: AlertView, t: Translate): string {
  const names = view.sentimentModels.map((m) =>
    m === BUILTIN_SENTIMENT_MODEL ? t('alert.sentiment_model.builtin') : m === CORRECTIONS_MODEL ? t('corr.sentiment_model') : m,
  );
  return t('alert.sentiment_models', { models: names.join(listSeparator(view.locale)) });
}

export function totalsLine(view: AlertView, t: Translate): string {
  return t('alert.totals', {
    openedAt: formatAt(view.openedAt, view.timeZone),
    negative: view.counts.negative,
    total: view.counts.total,
    expected: round(view.counts.expectedNegative),
  });
}

export function postLine(post: AlertView['topPosts'][number], t: Translate, maxText = 200): string {
  const text = post.text.length > maxText ? `${post.text.slice(0, maxText - 1)}…` : post.text;
  const m = post.metrics;
  const reach = m ? t('alert.reach', { likes: m.likes ?? 0, reposts: m.reposts ?? 0, replies: m.replies ?? 0, followers: m.followers ?? 0 }) : '';
  return t('alert.post', { author: post.author || '?', kind: post.sourceKind, text: text.replace(/\s+/g, ' '), url: post.url, reach });
}

export function stateLines(view: AlertView, t: Translate): string[] {
  const lines: string[] = [];
  const s = view.state;
  const at = (ms: number) => formatAt(ms, view.timeZone);
  if (s.acknowledged) lines.push(t('alert.state.acknowledged', { user: s.acknowledged.by, at: at(s.acknowledged.at) }));
  if (s.escalated) lines.push(t('alert.state.escalated', { user: s.escalated.by, at: at(s.escalated.at) }));
  if (s.muted) lines.push(t('alert.state.muted', { user: s.muted.by, until: at(s.muted.until) }));
  if (s.falsePositive) lines.push(t('alert.state.false_positive', { user: s.falsePositive.by, at: at(s.falsePositive.at) }));
  if (view.status === 'resolved' && view.resolvedAt !== undefined && !s.falsePositive)
    lines.push(t('alert.state.resolved', { at: at(view.resolvedAt) }));
  return lines;
}

export function updateLine(view: AlertView, previous: { stage: number; severity: number; negative: number }, t: Translate): string {
  const changes: string[] = [];
  if (view.stage !== previous.stage) changes.push(t('alert.change.stage', { from: previous.stage, to: view.stage }));
  if (Math.round(view.severity.score) !== Math.round(previous.severity))
    changes.push(t('alert.change.severity', { from: round(previous.severity), to: round(view.severity.score) }));
  if (view.counts.negative !== previous.negative) changes.push(t('alert.change.volume', { from: previous.negative, to: view.counts.negative }));
  return t('alert.update', { changes: changes.join(listSeparator(view.locale)), negative: view.counts.negative });
}

export function resolveLine(view: AlertView, t: Translate): string {
  return t('alert.resolve', { negative: view.counts.negative, peak: view.peak.negative, expected: round(view.peak.expected) });
}

export function escalateLine(view: AlertView, by: string, t: Translate, mention: (id: string) => string): string {
  if (view.escalation.length === 0) return t('alert.escalate.nobody', { user: by, plan: view.planName });
  return t('alert.escalate', { user: by, contacts: view.escalation.map(mention).join(' ') });
}

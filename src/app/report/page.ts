import { BUILTIN_SENTIMENT_MODEL } from '../../core/alert-view.js';
import { DRAFT_KINDS, type Sample } from '../../core/incident/incident.js';
import { renderChartSvg } from '../../chart/svg.js';
import { DATE_LOCALE, knownZone } from '../../chart/time.js';
import { listSeparator, type MessageKey, type Translate, translator } from '../../i18n/catalog.js';
import { isRightToLeft, type Locale } from '../../i18n/locale.js';
import { categoryLines, checklistLines } from '../../platforms/suggestion-text.js';
import type { ReportData, ReportVoice, TimelineEvent } from './report-data.js';

/** The page's direction: right to left for the catalogue's right-to-left locales (Arabic). */
export function pageDirection(locale: Locale): 'rtl' | 'ltr' {
  return isRightToLeft(locale) ? 'rtl' : 'ltr';
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only web links become anchors: a post's URL comes from a source, and `javascript:` must not. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

// The page asks for nothing: styles are inline, the chart is inline SVG, no script, no font, no image to fetch.
const STYLE = `
:root { color-scheme: light; --ink: #1d1c1d; --muted: #5f6b7a; --line: #e3e6ea; --bad: #d93025; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 960px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.sub { color: var(--muted); margin: 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; background: #fde8e7; color: var(--bad); }
.badge.resolved { background: #e6f4ea; color: #137333; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; margin: 16px 0 0; }
.figures div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.figures dt { color: var(--muted); font-size: .85rem; }
.figures dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
ol.timeline, ul.plain { padding-inline-start: 20px; margin: 0; }
ol.timeline time { font-variant-numeric: tabular-nums; color: var(--muted); margin-inline-end: 8px; }
.post { border-inline-start: 3px solid var(--bad); padding: 4px 12px; margin: 12px 0; overflow-wrap: anywhere; }
.post p { margin: 4px 0; }
.meta { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: start; padding: 4px 8px; border-bottom: 1px solid var(--line); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
footer { color: var(--muted); font-size: .85rem; margin-top: 32px; }
a { color: #1264a3; }
@media print {
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .post a::after { content: " (" attr(href) ")"; font-size: .75rem; color: var(--muted); }
  h2 { break-after: avoid; }
  .post, figure, tr { break-inside: avoid; }
  footer { display: none; }
}
`;

function timeFormat(locale: Locale, timeZone: string): (at: number) => string {
  const format = new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    timeZone: knownZone(timeZone),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => format.format(at);
}

function numberFormat(locale: Locale): (n: number, digits?: number) => string {
  return (n, digits = 0) => new Intl.NumberFormat(DATE_LOCALE[locale], { maximumFractionDigits: digits }).format(n);
}

function percentFormat(locale: Locale): (share: number) => string {
  const format = new Intl.NumberFormat(DATE_LOCALE[locale], { style: 'percent', maximumFractionDigits: 0 });
  return (share) => format.format(share);
}

/** The brand beside each competitor while the incident lasted: did the crisis move the conversation, or only ours? */
function voiceHtml(voice: ReportVoice, locale: Locale, t: Translate, at: (ms: number) => string, num: (n: number) => string): string {
  const pct = percentFormat(locale);
  const head = (['name', 'total', 'share', 'negative'] as const).map((c) => `<th>${escapeHtml(t(`report.voice.col.${c}`))}</th>`).join('');
  const rows = voice.rows
    .map((v) => {
      const name = v.role === 'brand' ? t('report.voice.brand', { name: v.name }) : v.name;
      const cells = [name, num(v.total), pct(v.share), pct(v.negativeShare)].map((c) => `<td>${escapeHtml(c)}</td>`).join('');
      return `<tr data-role="${v.role}">${cells}</tr>`;
    })
    .join('');
  return `<section>
<h2>${escapeHtml(t('report.section.voice'))}</h2>
<p class="sub">${escapeHtml(t('report.voice.window', { from: at(voice.from), to: at(voice.to) }))}</p>
<table class="voice"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>
</section>
`;
}

function eventText(event: TimelineEvent, t: Translate, at: (ms: number) => string, num: (n: number, d?: number) => string): string {
  switch (event.kind) {
    case 'channel':
      return t('report.event.channel', { channel: t(`alert.channel.${event.channel}`), source: event.source });
    case 'peak':
      return t('report.event.peak', { negative: num(event.negative), expected: num(event.expected, 1) });
    case 'update':
      return t('report.event.update', { stage: event.stage, severity: num(event.severity), negative: num(event.negative) });
    case 'acknowledged':
    case 'escalated':
    case 'false_positive':
      return t(`report.event.${event.kind}`, { user: event.by });
    case 'muted':
      return t('report.event.muted', { user: event.by, until: at(event.until) });
    case 'draft_used':
      return t('used.event', { user: event.by, draft: t(`used.draft.${event.draft}`) });
    default:
      return t(`report.event.${event.kind}`);
  }
}

function postHtml(post: Sample, t: Translate, at: (ms: number) => string, num: (n: number, d?: number) => string): string {
  const href = safeHref(post.url);
  const author = escapeHtml(post.author || '?');
  const m = post.metrics ?? {};
  const reach = (['likes', 'reposts', 'replies', 'quotes', 'views', 'followers'] as const)
    .filter((k) => (m[k] ?? 0) > 0)
    .map((k) => t(`report.metric.${k}`, { n: num(m[k] ?? 0) }))
    .join(' · ');
  const meta = [
    t('report.post.meta', { kind: post.sourceKind, time: at(post.publishedAt), lang: post.lang ?? '?' }),
    t('report.post.sentiment', { confidence: num(post.confidence * 100) }),
    ...(reach ? [reach] : []),
  ].join(' · ');
  return `<article class="post"><p><strong>${href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${author}</a>` : author}</strong></p>
<p lang="${escapeHtml(post.lang ?? '')}" dir="auto">${escapeHtml(post.text)}</p><p class="meta">${escapeHtml(meta)}</p></article>`;
}

/** The report page of one incident: server-rendered HTML in the plan's language, readable on a phone and printable. */
export function renderReportPage(data: ReportData, options: { generatedAt: number; expiresAt?: number }): string {
  const locale = data.plan.locale;
  const t = translator(locale);
  const at = timeFormat(locale, data.timeZone);
  const num = numberFormat(locale);
  const { incident } = data;
  const resolved = incident.status === 'resolved';
  const s = incident.severity;
  const figures: Array<[MessageKey, string]> = [
    ['report.figure.severity', `${num(s.score)}/100`],
    ['report.figure.stage', `${incident.stage}/4`],
    ['report.figure.negative', num(incident.counts.negative)],
    ['report.figure.total', num(incident.counts.total)],
    ['report.figure.expected', num(incident.counts.expectedNegative, 1)],
    ['report.figure.peak', num(incident.peak.negative)],
  ];
  if (incident.acknowledged) figures.push(['report.figure.ack', minutes(incident.acknowledged.at - (incident.alertedAt ?? incident.openedAt), t)]);
  const sources = [...incident.sources].sort((a, b) => a.firstSeenAt - b.firstSeenAt);
  const models = [...new Set(data.posts.map((p) => p.sentimentModel ?? BUILTIN_SENTIMENT_MODEL))].map((m) =>
    m === BUILTIN_SENTIMENT_MODEL ? t('alert.sentiment_model.builtin') : m,
  );
  const title = t('report.title', { plan: data.plan.name });
  const html = `<!doctype html>
<html lang="${locale}" dir="${pageDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(t('report.brand', { brand: data.plan.brand }))}</p>
<p class="sub"><span class="badge${resolved ? ' resolved' : ''}">${escapeHtml(
    resolved ? t('report.status.resolved') : t('report.status.open', { level: t(`alert.level.${s.level}`) }),
  )}</span> ${escapeHtml(
    resolved && incident.resolvedAt !== undefined
      ? t('report.period.resolved', { from: at(incident.openedAt), to: at(incident.resolvedAt) })
      : t('report.period.open', { from: at(incident.openedAt) }),
  )}</p>
<p class="sub">${escapeHtml(t('report.zone', { zone: knownZone(data.timeZone) }))}</p>
<dl class="figures">${figures.map(([key, value]) => `<div><dt>${escapeHtml(t(key))}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>
</header>
<section>
<h2>${escapeHtml(t('report.section.chart'))}</h2>
<figure role="img" aria-label="${escapeHtml(t('report.chart.alt'))}">${renderChartSvg(data.chart)}</figure>
</section>
<section>
<h2>${escapeHtml(t('report.section.why'))}</h2>
<p>${escapeHtml(t(`alert.stage.${incident.stage}`))}</p>
<p>${escapeHtml(
    t('alert.severity', {
      score: num(s.score),
      size: num(s.parts.size, 2),
      speed: num(s.parts.speed, 2),
      reach: num(s.parts.reach, 2),
      stage: num(s.parts.stage, 2),
    }),
  )}</p>
</section>
<section>
<h2>${escapeHtml(t('report.section.timeline'))}</h2>
<ol class="timeline">${data.timeline
    .map((e) => `<li><time datetime="${new Date(e.at).toISOString()}">${escapeHtml(at(e.at))}</time>${escapeHtml(eventText(e, t, at, num))}</li>`)
    .join('')}</ol>
</section>
<section>
<h2>${escapeHtml(t('report.section.sources'))}</h2>
<table><thead><tr><th>${escapeHtml(t('report.col.source'))}</th><th>${escapeHtml(t('report.col.channel'))}</th><th>${escapeHtml(
    t('report.col.first'),
  )}</th><th>${escapeHtml(t('report.col.negative'))}</th></tr></thead><tbody>${sources
    .map(
      (src) =>
        `<tr><td>${escapeHtml(src.kind)}</td><td>${escapeHtml(t(`alert.channel.${src.channel}`))}</td><td>${escapeHtml(at(src.firstSeenAt))}</td><td>${escapeHtml(
          num(src.negative),
        )}</td></tr>`,
    )
    .join('')}</tbody></table>
<p>${escapeHtml(t('report.languages', { list: data.languages.map((l) => `${l.lang} (${num(l.count)})`).join(listSeparator(locale)) || '-' }))}</p>
</section>
${data.voice ? voiceHtml(data.voice, locale, t, at, num) : ''}<section>
<h2>${escapeHtml(t('report.section.posts', { n: data.posts.length }))}</h2>
${data.posts.length === 0 ? `<p>${escapeHtml(t('report.posts.none'))}</p>` : data.posts.map((p) => postHtml(p, t, at, num)).join('\n')}
${models.length > 0 ? `<p class="meta">${escapeHtml(t('alert.sentiment_models', { models: models.join(', ') }))}</p>` : ''}
</section>
${responsesHtml(data, t, at)}
<footer>${escapeHtml(
    options.expiresAt === undefined
      ? t('report.footer.file', { generated: at(options.generatedAt) })
      : t('report.footer', { generated: at(options.generatedAt), expires: at(options.expiresAt) }),
  )}</footer>
</main>
</body>
</html>
`;
  return html;
}

/**
 * The suggested responses, each draft under its heading with "Used by X at HH:MM" when the team marked it, and the
 * text as used when it differs from today's template (a reworded draft). Marks stay shown if drafting fails.
 */
function responsesHtml(data: ReportData, t: Translate, at: (ms: number) => string): string {
  const used = data.incident.usedDrafts ?? [];
  const suggestion = data.suggestion;
  if (!suggestion && used.length === 0) return '';
  const pre = (lines: string[]): string => `<pre>${escapeHtml(lines.join('\n'))}</pre>`;
  const drafts = DRAFT_KINDS.flatMap((kind) => {
    const mark = used.find((u) => u.kind === kind);
    const text = suggestion?.drafts[kind];
    if (text === undefined && !mark) return [];
    return [
      `<h3>${escapeHtml(t(`resp.heading.${kind}`))}</h3>`,
      mark ? `<p data-used="${kind}"><strong>✓ ${escapeHtml(t('used.mark', { user: mark.by, at: at(mark.at) }))}</strong></p>` : '',
      text !== undefined ? pre([text]) : '',
      mark && mark.text !== text ? `<p class="meta">${escapeHtml(t('used.asUsed'))}</p>${pre([mark.text])}` : '',
    ];
  });
  return `<section><h2>${escapeHtml(t('report.section.responses'))}</h2>
${suggestion ? pre([t(suggestion.polished ? 'resp.heading.polished' : 'resp.heading.template'), ...categoryLines(suggestion, t)]) : ''}
${drafts.filter((part) => part !== '').join('\n')}
${suggestion ? pre(checklistLines(suggestion, t)) : ''}</section>`;
}

function minutes(ms: number, t: Translate): string {
  return t('report.minutes', { n: Math.max(0, Math.round(ms / 60_000)) });
}

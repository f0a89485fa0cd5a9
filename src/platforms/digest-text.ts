import { DATE_LOCALE, knownZone } from '../chart/time.js';
import { type DigestView, sparkline } from '../core/digest/view.js';
import { listSeparator, sequenceArrow, type Translate } from '../i18n/catalog.js';

const POST_TEXT_MAX = 200;

function when(view: DigestView, at: number): string {
  const format = new Intl.DateTimeFormat(DATE_LOCALE[view.locale], {
    timeZone: knownZone(view.timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return format.format(at);
}

const share = (negative: number, total: number): number => (total === 0 ? 0 : Math.round((negative / total) * 100));
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** A digest as lines of text, the same in the terminal, Slack and Teams (the title first). */
export function digestLines(view: DigestView, t: Translate): string[] {
  const v = view.volume;
  const i = view.incidents;
  const lines = [
    t(`digest.title.${view.every}`, { plan: view.planName, from: when(view, view.from), to: when(view, view.to) }),
    t('digest.volume', {
      total: v.total,
      delta: signed(v.total - v.previousTotal),
      negative: v.negative,
      share: share(v.negative, v.total),
      previousShare: share(v.previousNegative, v.previousTotal),
    }),
    t('digest.incidents', {
      opened: i.opened,
      resolved: i.resolved,
      open: i.stillOpen,
      ack: i.medianAckMinutes === undefined ? { key: 'digest.no_ack' } : { key: 'digest.ack', params: { minutes: i.medianAckMinutes } },
    }),
    t(`digest.chart.${view.every}`, { chart: sparkline(view.series), max: Math.max(0, ...view.series) }),
  ];
  if (view.shareOfVoice.length > 0) {
    lines.push(t('digest.voice.header'));
    for (const v of view.shareOfVoice) {
      lines.push(
        t(v.role === 'brand' ? 'digest.voice.brand' : 'digest.voice.competitor', {
          name: v.name,
          total: v.total,
          share: Math.round(v.share * 100),
          negativeShare: Math.round(v.negativeShare * 100),
        }),
      );
    }
  }
  if (view.sources.length > 0) {
    const arrow = sequenceArrow(view.locale);
    const list = view.sources.map((s) => `${s.kind} ${s.previous}${arrow}${s.negative}`).join(listSeparator(view.locale));
    lines.push(t('digest.sources', { list }));
  }
  if (view.topPosts.length > 0) {
    lines.push(t('digest.top_posts'));
    for (const p of view.topPosts) {
      const text = p.text.replace(/\s+/g, ' ').trim();
      lines.push(
        t('digest.post', {
          author: p.author || '?',
          kind: p.sourceKind,
          text: text.length > POST_TEXT_MAX ? `${text.slice(0, POST_TEXT_MAX - 1)}…` : text,
          url: p.url,
        }),
      );
    }
  }
  return lines;
}

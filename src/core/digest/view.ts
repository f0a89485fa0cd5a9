import type { Locale } from '../../i18n/locale.js';
import type { VoiceShare } from '../competitors.js';
import type { SourceKind } from '../mention.js';

/** What a plan's digest says about one period, as data; the platforms render the words. */
export interface DigestView {
  planId: string;
  planName: string;
  locale: Locale;
  timeZone: string;
  every: 'daily' | 'weekly';
  from: number;
  to: number;
  /** Mentions of the period and of the one before it. */
  volume: { total: number; negative: number; previousTotal: number; previousNegative: number };
  incidents: { opened: number; resolved: number; stillOpen: number; medianAckMinutes?: number };
  /** The most engaging negative posts kept as evidence during the period, at most three. */
  topPosts: Array<{ author: string; text: string; url: string; sourceKind: SourceKind }>;
  /** Sources whose negative posts (among the evidence) changed most against the previous period. */
  sources: Array<{ kind: SourceKind; negative: number; previous: number }>;
  /** Negative mentions per hour (daily) or per day (weekly), oldest first: the small chart. */
  series: number[];
  /**
   * Share of voice over the period: the brand's row first (named as the brand is written), then each competitor's.
   * Empty when the plan watches no competitor.
   */
  shareOfVoice: VoiceShare[];
}

const BARS = '▁▂▃▄▅▆▇█';

/** The small chart as a line of block characters, readable in every client. */
export function sparkline(series: readonly number[]): string {
  const top = Math.max(1, ...series);
  return series.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / top) * (BARS.length - 1)))]).join('');
}

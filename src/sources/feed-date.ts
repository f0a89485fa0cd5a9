/**
 * Dates of real feeds. RSS asks for RFC 822 dates in English, but publishers write them in their own language
 * ("Seg, 24 Set 2018 19:42:40 -0300", "lun., 24 sept. 2018 19:42 +0200"), which `Date.parse` cannot read.
 * Month names of the languages Vigie's publishers write in are read here; anything else stays unreadable.
 */

// Longest prefixes first, so that "juin"/"juil" are told apart before "jun"/"jul".
const MONTHS: Array<[string, number]> = (
  [
    ['janv', 1],
    ['fevr', 2],
    ['avr', 4],
    ['juin', 6],
    ['juil', 7],
    ['aout', 8],
    ['sept', 9],
    ['jan', 1],
    ['ene', 1],
    ['gen', 1],
    ['feb', 2],
    ['fev', 2],
    ['mar', 3],
    ['apr', 4],
    ['abr', 4],
    ['may', 5],
    ['mai', 5],
    ['mag', 5],
    ['jun', 6],
    ['giu', 6],
    ['jul', 7],
    ['lug', 7],
    ['aug', 8],
    ['ago', 8],
    ['sep', 9],
    ['set', 9],
    ['oct', 10],
    ['out', 10],
    ['okt', 10],
    ['ott', 10],
    ['nov', 11],
    ['dec', 12],
    ['dez', 12],
    ['dic', 12],
  ] as Array<[string, number]>
).sort((a, b) => b[0].length - a[0].length);

const RFC822_LIKE = /^(?:[^\d\s,]+\.?,?\s+)?(\d{1,2})\s+([^\d\s.]+)\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,4})?$/;
const ZONES: Record<string, string> = { GMT: '+0000', UT: '+0000', UTC: '+0000', Z: '+0000' };

/** Epoch ms of a feed date, or undefined when it cannot be read in any known form. */
export function parseFeedDate(value: string): number | undefined {
  const text = value.trim();
  const direct = Date.parse(text);
  if (!Number.isNaN(direct)) return direct;
  const m = RFC822_LIKE.exec(text);
  if (!m) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = m;
  const name = (monthName ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const month = MONTHS.find(([prefix]) => name.startsWith(prefix))?.[1];
  const offset = zone === undefined ? '+0000' : /^[+-]\d{4}$/.test(zone) ? zone : ZONES[zone.toUpperCase()];
  if (month === undefined || offset === undefined) return undefined;
  const iso = `${year}-${pad(month)}-${pad(Number(day))}T${pad(Number(hour))}:${minute}:${second ?? '00'}${offset.slice(0, 3)}:${offset.slice(3)}`;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

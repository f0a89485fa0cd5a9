import { z } from 'zod';
import type { Facts } from './facts.js';
import { forbiddenPhrasings } from './forbidden.js';
import type { Suggestion } from './types.js';

/** The drafts an LLM may rewrite; the checklist and the per-post replies stay as the playbook wrote them. */
export const PolishedDraftsSchema = z.object({
  holding: z.string().min(1),
  reply: z.string().min(1),
  brief: z.string().min(1),
});
export type PolishedDrafts = z.infer<typeof PolishedDraftsSchema>;
const FIELDS = ['holding', 'reply', 'brief'] as const;

export type PolishRejection =
  | 'llm_schema'
  | 'llm_too_long'
  | 'llm_new_number'
  | 'llm_new_name'
  | 'llm_new_link'
  | 'llm_placeholder_removed'
  | 'llm_forbidden';

export type PolishCheck = { ok: true } | { ok: false; code: PolishRejection; detail: string };

/** A rewrite may grow a little (smoother wording) but not turn into an essay. */
const GROWTH = 1.3;
const SLACK_CHARS = 120;

const LANGUAGE_NAMES = { en: 'English', fr: 'French', ar: 'Arabic' } as const;

export function buildPolishMessages(suggestion: Suggestion, facts: Facts): Array<{ role: 'system' | 'user'; content: string }> {
  const language = LANGUAGE_NAMES[suggestion.locale];
  const system = [
    `You edit crisis-communication drafts for a company's communications lead. Write in ${language}.`,
    'Rewrite the three drafts so they read naturally and calmly, keeping their meaning and structure. Rules:',
    '1. Use only the facts given. Do not add any number, date, time, name, place, product, cause or link that is not in the drafts or the facts.',
    '2. Keep every text in square brackets, such as [what we know], exactly as written: a person will fill it in.',
    '3. Express concern and empathy; never admit liability, never speculate about causes, never blame the customer, never joke, never say "no comment".',
    '4. The reply moves the conversation to private messages; keep the @handle it starts with.',
    '5. The brief is internal: keep every number and link of the original brief.',
    `6. Keep each draft at most about as long as the original.`,
    'Answer with one JSON object and nothing else: {"holding": "...", "reply": "...", "brief": "..."}',
  ].join('\n');
  const user = JSON.stringify({
    facts: facts.values,
    drafts: { holding: suggestion.drafts.holding, reply: suggestion.drafts.reply, brief: suggestion.drafts.brief },
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g;
function digitRuns(text: string): string[] {
  const western = text.replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  return (western.match(/\d+/g) ?? []).map((run) => run.replace(/^0+(?=\d)/, ''));
}

function placeholders(text: string): string[] {
  return text.match(/\[[^[\]\n]+\]/g) ?? [];
}

function links(text: string): string[] {
  return text.match(/https?:\/\/[^\s)\]]+|@[\w.]+/g) ?? [];
}

// Words written with a capital inside a sentence are names (of people, places, products): each must already be known.
// Words after sentence punctuation, "I", and acronyms of two letters (DM, PR) are not names.
function capitalisedWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}'’-]*)/gu)) {
    const before = text.slice(0, match.index + match[1]!.length).trimEnd();
    const sentenceStart = before.length === 0 || /[.!?:;\n—–\-•(«"“]$/.test(before);
    const word = match[2]!;
    if (sentenceStart || word === 'I' || (word.length <= 3 && word === word.toUpperCase())) continue;
    out.push(word);
  }
  return out;
}

/**
 * Whether a rewrite keeps to the template's facts: same shape, bounded length, no number, name or link that the
 * template or the facts do not already contain, every `[placeholder]` kept, no forbidden phrasing.
 */
export function checkPolish(original: PolishedDrafts, candidate: unknown, facts: Facts, forbidden: readonly string[]): PolishCheck {
  const parsed = PolishedDraftsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, code: 'llm_schema', detail: parsed.error.issues[0]?.message ?? 'bad shape' };
  const polished = parsed.data;
  const known = [...FIELDS.map((f) => original[f]), ...Object.values(facts.values), ...facts.names].join('\n');
  const knownNumbers = new Set(digitRuns(known));
  const knownLower = known.toLowerCase();
  for (const field of FIELDS) {
    const text = polished[field];
    if (text.length > original[field].length * GROWTH + SLACK_CHARS) {
      return { ok: false, code: 'llm_too_long', detail: `${field}: ${text.length} characters, template ${original[field].length}` };
    }
    const number = digitRuns(text).find((n) => !knownNumbers.has(n));
    if (number !== undefined) return { ok: false, code: 'llm_new_number', detail: `${field}: ${number}` };
    const link = links(text).find((l) => !knownLower.includes(l.toLowerCase()));
    if (link) return { ok: false, code: 'llm_new_link', detail: `${field}: ${link}` };
    const name = capitalisedWords(text).find((w) => !knownLower.includes(w.toLowerCase()));
    if (name) return { ok: false, code: 'llm_new_name', detail: `${field}: ${name}` };
    const missing = placeholders(original[field]).find((p) => !text.includes(p));
    if (missing) return { ok: false, code: 'llm_placeholder_removed', detail: `${field}: ${missing}` };
    const phrase = forbiddenPhrasings(text, forbidden)[0];
    if (phrase) return { ok: false, code: 'llm_forbidden', detail: `${field}: ${phrase}` };
  }
  return { ok: true };
}

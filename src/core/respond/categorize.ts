import { ar } from './cues/ar.js';
import { en } from './cues/en.js';
import { enLearned } from './cues/en-learned.js';
import { fr } from './cues/fr.js';
import type { CuedCategory } from './cues/types.js';
import { compileLexicon, findCues, wordFeatures, type Cue, type Lexicon } from './lexicon.js';
import { guessLanguage } from './language.js';
import { tokenize } from './tokens.js';
import { CATEGORY_IDS, type Categorization, type CategoryId, type Evidence } from './types.js';

let shipped: Lexicon | undefined;
/**
 * Curated cues in English, French and Arabic, refined for English by a lexicon learned on airline complaints. Compiled
 * by the first post categorised (about 0.1 s), not when the module loads: start-up does not pay for it.
 */
export function defaultLexicon(): Lexicon {
  shipped ??= compileLexicon({ en, fr, ar }, enLearned);
  return shipped;
}

/** A post to categorise: its text, its link (kept as evidence) and its language when known. */
export interface CategorizeInput {
  text: string;
  url?: string;
  lang?: string;
}

/** One reason a post leans to a category: a curated cue or a learned word, its weight and where it is. */
export interface Contribution {
  category: CuedCategory;
  source: 'cue' | 'learned';
  phrase: string;
  weight: number;
  start: number;
  end: number;
}

export interface TextCategory {
  category: CategoryId;
  /** Score per category that has any evidence (cue weights, plus learned weights and bias when they apply). */
  scores: Partial<Record<CuedCategory, number>>;
  /** Everything that counted, strongest first: the explanation of the decision. */
  contributions: Contribution[];
}

export interface CategorizeOptions {
  lexicon?: Lexicon;
}

// Ties go to the more specific, more serious category: a post about a leaked password and slow support is a
// privacy matter first.
const TIE_ORDER: readonly CuedCategory[] = [
  'product_safety',
  'data_privacy',
  'ethics_discrimination',
  'boycott_petition',
  'lost_damaged',
  'cancellation',
  'outage_delay',
  'staff_conduct',
  'billing_pricing',
  'customer_service',
  'rumour',
];

/**
 * A category is only named on positive evidence (cue weights plus positive learned weights) worth this much; a
 * post without it is `other`, whatever the biases say.
 */
const MIN_EVIDENCE = 1;
/** The runner-up has at least this share of the leader's posts: the incident is a mix. */
const MIX_RATIO = 0.6;
const EVIDENCE_PER_CATEGORY = 3;
const EXCERPT_RADIUS = 60;

/** Cues of the post's language when Vigie has some for it; every language's cues otherwise. */
function languageCues(lexicon: Lexicon, code: string | undefined): readonly Cue[] {
  if (!code || !lexicon.cues.some((cue) => cue.lang === code)) return lexicon.cues;
  return lexicon.cues.filter((cue) => cue.lang === code);
}

export function categorizeText(input: CategorizeInput, options: CategorizeOptions = {}): TextCategory {
  const lexicon = options.lexicon ?? defaultLexicon();
  const tokens = tokenize(input.text);
  const code = input.lang?.slice(0, 2).toLowerCase() || guessLanguage(input.text, tokens);
  const contributions: Contribution[] = findCues(languageCues(lexicon, code), tokens).map((hit) => ({
    category: hit.cue.category,
    source: 'cue',
    phrase: hit.cue.phrase,
    weight: hit.cue.weight,
    start: hit.start,
    end: hit.end,
  }));
  const learned = lexicon.learned;
  const useLearned = learned !== undefined && (code === undefined || code === learned.lang);
  if (useLearned) {
    const seen = new Set<string>();
    for (const feature of wordFeatures(tokens)) {
      if (seen.has(feature.key)) continue;
      seen.add(feature.key);
      for (const [category, weight] of Object.entries(learned.words[feature.key] ?? {})) {
        if (category === 'other' || weight === undefined) continue;
        contributions.push({
          category: category as CuedCategory,
          source: 'learned',
          phrase: feature.key,
          weight,
          start: feature.start,
          end: feature.end,
        });
      }
    }
  }
  contributions.sort((a, b) => b.weight - a.weight);

  // Evidence counts cues at their curated weight; the score scales them by the learned lexicon's cue scale.
  const evidence = new Map<CuedCategory, number>();
  const scores: Partial<Record<CuedCategory, number>> = {};
  for (const c of contributions) {
    if (c.weight > 0) evidence.set(c.category, (evidence.get(c.category) ?? 0) + c.weight);
    const weight = useLearned && c.source === 'cue' ? c.weight * learned.cueScale : c.weight;
    scores[c.category] = (scores[c.category] ?? (useLearned ? (learned.bias[c.category] ?? 0) : 0)) + weight;
  }
  let category: CategoryId = 'other';
  let best = -Infinity;
  for (const candidate of TIE_ORDER) {
    const score = scores[candidate];
    if (score === undefined || (evidence.get(candidate) ?? 0) < MIN_EVIDENCE) continue;
    if (score > best) {
      best = score;
      category = candidate;
    }
  }
  return { category, scores, contributions };
}

function excerpt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - EXCERPT_RADIUS);
  const to = Math.min(text.length, end + EXCERPT_RADIUS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function evidenceFor(category: CuedCategory, posts: CategorizeInput[], results: TextCategory[]): Evidence[] {
  const candidates: Array<Evidence & { score: number }> = [];
  results.forEach((result, i) => {
    if (result.category !== category) return;
    const post = posts[i]!;
    // A curated cue is the clearer reason to show; a learned word only when no cue fired.
    const reasons = result.contributions.filter((c) => c.category === category && c.weight > 0);
    const decisive = reasons.find((c) => c.source === 'cue') ?? reasons[0];
    if (!decisive) return;
    candidates.push({
      category,
      phrase: post.text.slice(decisive.start, decisive.end),
      ...(post.url ? { url: post.url } : {}),
      excerpt: excerpt(post.text, decisive.start, decisive.end),
      score: result.scores[category] ?? 0,
    });
  });
  return candidates
    .sort((a, b) => b.score - a.score)
    .slice(0, EVIDENCE_PER_CATEGORY)
    .map(({ score: _score, ...evidence }) => evidence);
}

/**
 * The category of a set of negative posts: the leading category of the posts that have one, with the phrases and
 * posts that decided it. When a runner-up is close, the result is flagged `mixed` and carries evidence for each.
 */
export function categorize(posts: CategorizeInput[], options: CategorizeOptions = {}): Categorization {
  const results = posts.map((post) => categorizeText(post, options));
  const counts = new Map<CategoryId, number>();
  for (const result of results) counts.set(result.category, (counts.get(result.category) ?? 0) + 1);
  const total = results.length;
  const breakdown = CATEGORY_IDS.filter((id) => (counts.get(id) ?? 0) > 0)
    .map((category) => {
      const count = counts.get(category) ?? 0;
      return { category, count, share: total === 0 ? 0 : count / total };
    })
    .sort((a, b) => b.count - a.count || CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category));
  const ranked = breakdown.filter((entry): entry is { category: CuedCategory; count: number; share: number } => entry.category !== 'other');
  const leader = ranked[0];
  if (!leader) return { category: 'other', mixed: false, breakdown, evidence: [] };
  const runnersUp = ranked.slice(1).filter((entry) => entry.count >= MIX_RATIO * leader.count);
  return {
    category: leader.category,
    mixed: runnersUp.length > 0,
    breakdown,
    evidence: [leader, ...runnersUp].flatMap((entry) => evidenceFor(entry.category, posts, results)),
  };
}

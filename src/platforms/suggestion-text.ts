import type { Suggestion } from '../core/respond/types.js';
import type { MessageKey, Translate } from '../i18n/catalog.js';

const EVIDENCE_SHOWN = 4;
const EXCERPT_CHARS = 100;

export function categoryLabel(id: string, t: Translate): string {
  return t(`resp.category.${id}` as MessageKey);
}

/** What the crisis is about, and the phrases and posts that decided it. */
export function categoryLines(suggestion: Suggestion, t: Translate): string[] {
  const c = suggestion.categorization;
  const lines = c.mixed
    ? [
        t('resp.heading.mixed'),
        ...c.breakdown
          .slice(0, 3)
          .map((b) => `  ${t('resp.heading.share', { category: categoryLabel(b.category, t), count: b.count, share: Math.round(b.share * 100) })}`),
      ]
    : [t('resp.heading.category', { category: categoryLabel(c.category, t) })];
  const evidence = c.evidence.slice(0, EVIDENCE_SHOWN);
  if (evidence.length > 0) {
    lines.push(t('resp.heading.evidence'));
    for (const e of evidence) {
      const excerpt = e.excerpt.length > EXCERPT_CHARS ? `${e.excerpt.slice(0, EXCERPT_CHARS - 1)}…` : e.excerpt;
      lines.push(`  ${t('resp.heading.evidenceItem', { phrase: e.phrase, excerpt })}${e.url ? ` ${e.url}` : ''}`);
    }
  }
  return lines;
}

/** What to do and what not to do, as plain text. */
export function checklistLines(suggestion: Suggestion, t: Translate): string[] {
  const { checklist } = suggestion.drafts;
  return [
    `— ${t('resp.heading.do')} —`,
    ...checklist.do.map((item) => `☐ ${item}`),
    `— ${t('resp.heading.dont')} —`,
    ...checklist.dont.map((item) => `✗ ${item}`),
  ];
}

/** A whole suggestion as plain text: category, evidence, the three drafts and the checklist. */
export function suggestionLines(suggestion: Suggestion, t: Translate): string[] {
  const d = suggestion.drafts;
  return [
    t(suggestion.polished ? 'resp.heading.polished' : 'resp.heading.template'),
    ...categoryLines(suggestion, t),
    '',
    `— ${t('resp.heading.holding')} —`,
    d.holding,
    '',
    `— ${t('resp.heading.reply')} —`,
    d.reply,
    '',
    `— ${t('resp.heading.brief')} —`,
    d.brief,
    '',
    ...checklistLines(suggestion, t),
  ];
}

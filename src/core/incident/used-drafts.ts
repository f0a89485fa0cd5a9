import type { Drafts } from '../respond/types.js';
import { DRAFT_KINDS, type DraftKind, type Incident, type UsedDraft } from './incident.js';

/** A marked draft keeps at most this much text: a forged button payload cannot grow the incident without bound. */
export const USED_TEXT_MAX = 4000;

/** The draft a number names (1 holding statement, 2 reply, 3 internal brief), or undefined for any other word. */
export function draftOfNumber(word: string): DraftKind | undefined {
  if (!/^\d+$/.test(word)) return undefined;
  return DRAFT_KINDS[Number(word) - 1];
}

export function numberOfDraft(kind: DraftKind): number {
  return DRAFT_KINDS.indexOf(kind) + 1;
}

export function draftText(drafts: Drafts, kind: DraftKind): string {
  return drafts[kind];
}

export type MarkResult = { marked: true; incident: Incident; used: UsedDraft } | { marked: false; already: UsedDraft };

/**
 * Records that `by` used a draft at `at`. The first mark of a draft stands: a second click on the same draft (the
 * template's or the reworded one's) answers with who marked it, so the report keeps one line per draft.
 */
export function markDraftUsed(incident: Incident, mark: { kind: DraftKind; text: string; by: string; at: number }): MarkResult {
  const already = incident.usedDrafts?.find((u) => u.kind === mark.kind);
  if (already) return { marked: false, already };
  const used: UsedDraft = { ...mark, n: numberOfDraft(mark.kind), text: mark.text.slice(0, USED_TEXT_MAX) };
  return { marked: true, used, incident: { ...incident, usedDrafts: [...(incident.usedDrafts ?? []), used] } };
}

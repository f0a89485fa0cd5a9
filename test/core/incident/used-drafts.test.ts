import { describe, expect, it } from 'vitest';
import { DRAFT_KINDS } from '../../../src/core/incident/incident.js';
import { draftOfNumber, markDraftUsed, numberOfDraft, USED_TEXT_MAX } from '../../../src/core/incident/used-drafts.js';
import { incidentFixture } from '../../platforms/slack/fixtures.js';

describe('suggested responses marked as used', () => {
  it('numbers the drafts 1 holding, 2 reply, 3 brief, and refuses any other word', () => {
    expect(['1', '2', '3'].map(draftOfNumber)).toEqual(['holding', 'reply', 'brief']);
    expect(DRAFT_KINDS.map(numberOfDraft)).toEqual([1, 2, 3]);
    for (const word of ['0', '4', '-1', '1.5', 'x', '', ' 1', '01x']) expect(draftOfNumber(word), word).toBeUndefined();
  });

  it('records who used which draft, its number and text, when; each draft once, the first mark standing', () => {
    const incident = incidentFixture();
    expect(incident.usedDrafts).toBeUndefined();
    const first = markDraftUsed(incident, { kind: 'reply', text: 'Hi [name]', by: 'amina', at: 1000 });
    expect(first).toMatchObject({ marked: true, used: { kind: 'reply', n: 2, text: 'Hi [name]', by: 'amina', at: 1000 } });
    const marked = first.marked ? first.incident : incident;
    expect(marked.usedDrafts).toEqual([{ kind: 'reply', n: 2, text: 'Hi [name]', by: 'amina', at: 1000 }]);
    // The incident given is left as it was.
    expect(incident.usedDrafts).toBeUndefined();

    const again = markDraftUsed(marked, { kind: 'reply', text: 'another text', by: 'karim', at: 2000 });
    expect(again).toEqual({ marked: false, already: { kind: 'reply', n: 2, text: 'Hi [name]', by: 'amina', at: 1000 } });

    const second = markDraftUsed(marked, { kind: 'holding', text: 'We are aware', by: 'karim', at: 3000 });
    expect(second.marked && second.incident.usedDrafts?.map((u) => [u.kind, u.by])).toEqual([
      ['reply', 'amina'],
      ['holding', 'karim'],
    ]);
  });

  it('keeps at most USED_TEXT_MAX characters of a text (a forged payload cannot grow the incident)', () => {
    const result = markDraftUsed(incidentFixture(), { kind: 'brief', text: 'x'.repeat(USED_TEXT_MAX + 50), by: 'a', at: 1 });
    expect(result.marked && result.used.text.length).toBe(USED_TEXT_MAX);
  });
});

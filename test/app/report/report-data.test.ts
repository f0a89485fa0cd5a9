import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAlertQueue } from '../../../src/app/alerts.js';
import { timelineOf } from '../../../src/app/report/report-data.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStore } from '../../../src/store/lowdb.js';
import { T0, incidentFixture, planFixture } from '../../platforms/slack/fixtures.js';

const HOUR = 3_600_000;

describe('the report’s timeline', () => {
  it('records each update the alert queue posts, and tells the story oldest first with who did what', async () => {
    const store = createMemoryStore();
    const queue = createAlertQueue({ store, newId: randomUUID, releaseAt: (_p, now) => now, charts: false, logger: silentLogger });
    const plan = planFixture();
    const alerted = incidentFixture({ alertedAt: T0 + 60_000 });
    const updated = await queue.onEvents(
      plan,
      alerted,
      [{ type: 'updated', historical: false, previous: { stage: 1, severity: 40, negative: 10 } }],
      true,
      T0 + HOUR,
    );
    expect(updated.updates).toEqual([
      { at: T0 + HOUR, stage: alerted.stage, severity: Math.round(alerted.severity.score), negative: alerted.counts.negative },
    ]);
    expect((await store.outbox.pending()).map((o) => o.kind)).toEqual(['update', 'state']);

    const story = timelineOf({ ...updated, acknowledged: { by: 'amina', at: T0 + 2 * HOUR }, status: 'resolved', resolvedAt: T0 + 5 * HOUR });
    const kinds = story.map((e) => e.kind);
    expect(kinds[0]).toBe('opened');
    expect(kinds).toContain('alerted');
    expect(kinds).toContain('update');
    expect(kinds.at(-1)).toBe('resolved');
    expect(story.map((e) => e.at)).toEqual([...story.map((e) => e.at)].sort((a, b) => a - b));
    expect(story.filter((e) => e.kind === 'channel')).toHaveLength(new Set(updated.sources.map((s) => s.channel)).size);
  });

  it('has one entry per suggested response marked as used, in its place in time, with who and which', () => {
    const incident = incidentFixture({
      usedDrafts: [
        { kind: 'brief', n: 3, text: 'INTERNAL', by: 'karim', at: T0 + 3 * HOUR },
        { kind: 'holding', n: 1, text: 'We are aware', by: 'amina', at: T0 + HOUR },
      ],
      status: 'resolved',
      resolvedAt: T0 + 5 * HOUR,
    });
    const story = timelineOf(incident);
    expect(story.filter((e) => e.kind === 'draft_used')).toEqual([
      { kind: 'draft_used', at: T0 + HOUR, by: 'amina', draft: 'holding' },
      { kind: 'draft_used', at: T0 + 3 * HOUR, by: 'karim', draft: 'brief' },
    ]);
    expect(story.at(-1)?.kind).toBe('resolved');
    expect(timelineOf(incidentFixture()).some((e) => e.kind === 'draft_used')).toBe(false);
  });
});

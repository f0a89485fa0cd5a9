import { describe, expect, it } from 'vitest';
import { FSI } from '../../../src/i18n/bidi.js';
import { translator } from '../../../src/i18n/catalog.js';
import { renderLocal } from '../../../src/platforms/local/render.js';
import { exposedRuns, occurrences } from '../../support/bidi.js';
import { alertView } from '../slack/fixtures.js';

describe('an alert in the terminal', () => {
  it('in Arabic: every line right to left, the incident tag, plan, authors, links and figures in isolates', () => {
    const view = alertView({}, 'ar');
    const lines = renderLocal({ kind: 'open', view }, translator('ar'), 'ar');
    expect(lines.length).toBeGreaterThan(6);
    const runs = [`[${view.incidentId.slice(0, 8)}]`, 'Acme Air', '@jdoe', '72/100', 'act inc-1 <button>'];
    expect(occurrences(lines.join('\n'), runs)).toBeGreaterThanOrEqual(runs.length);
    expect(lines.flatMap((line) => exposedRuns(line, runs))).toEqual([]);
    expect(lines[0]?.startsWith(`🚨 ${FSI}[`)).toBe(true);
    // An escalation names people by their ids: each one is an isolate.
    const escalated = renderLocal({ kind: 'escalate', view, by: 'U0ACK' }, translator('ar'), 'ar');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toContain('U0ACK');
    expect(exposedRuns(escalated[0]!, ['@U0ESC1', 'U0ACK'])).toEqual([]);
  });

  it('in English: no direction control at all', () => {
    const lines = renderLocal({ kind: 'open', view: alertView() }, translator('en'), 'en');
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.join('\n')).not.toMatch(/[\u200e\u200f\u2066-\u2069]/);
  });
});

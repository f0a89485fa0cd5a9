import { describe, expect, it } from 'vitest';
import { buildSuggestion, draftFacts } from '../../../src/core/respond/drafts.js';
import { buildPolishMessages, checkPolish } from '../../../src/core/respond/polish.js';
import { loadPlaybooks } from '../../../src/drafting/playbook-files.js';
import { T0, scenarios } from './fixtures/incidents.js';

const { en } = await loadPlaybooks();
const [delay] = scenarios();
const options = { now: T0 + 75 * 60_000 };
const suggestion = buildSuggestion(delay!.incident, delay!.plan, en.playbook, options);
const facts = draftFacts(delay!.incident, delay!.plan, en.playbook, options);
const original = { holding: suggestion.drafts.holding, reply: suggestion.drafts.reply, brief: suggestion.drafts.brief };
const check = (candidate: unknown) => checkPolish(original, candidate, facts, en.playbook.forbidden);

describe('checkPolish', () => {
  it('accepts a rewrite that only changes the wording', () => {
    const holding = original.holding.replace('We are aware of', 'We know about').replace('how frustrating this is', 'how difficult this is');
    expect(check({ ...original, holding })).toEqual({ ok: true });
  });

  it('rejects an invented number', () => {
    const holding = original.holding.replace('We are aware of', 'About 300 flights face');
    expect(check({ ...original, holding })).toEqual({ ok: false, code: 'llm_new_number', detail: 'holding: 300' });
  });

  it('rejects an invented name', () => {
    const holding = `${original.holding} Our CEO Jane Smith apologises.`;
    expect(check({ ...original, holding })).toMatchObject({ ok: false, code: 'llm_new_name' });
  });

  it('rejects an invented link', () => {
    const reply = `${original.reply} https://evil.example.com`;
    expect(check({ ...original, reply })).toMatchObject({ ok: false, code: 'llm_new_link' });
  });

  it('rejects a removed placeholder', () => {
    const holding = original.holding.replace('[our website or status page]', 'our website');
    expect(check({ ...original, holding })).toEqual({
      ok: false,
      code: 'llm_placeholder_removed',
      detail: 'holding: [our website or status page]',
    });
  });

  it('rejects a forbidden phrasing', () => {
    const reply = original.reply.replace("We're sorry to hear this", 'No comment on this');
    expect(check({ ...original, reply })).toMatchObject({ ok: false, code: 'llm_forbidden' });
  });

  it('rejects a wrong shape and a runaway length', () => {
    expect(check({ holding: 'x' })).toMatchObject({ ok: false, code: 'llm_schema' });
    expect(check({ ...original, brief: `${original.brief}\n${original.brief}` })).toMatchObject({ ok: false, code: 'llm_too_long' });
  });

  it('accepts the facts numbers written with Arabic-Indic digits', () => {
    const brief = original.brief.replace('57', '٥٧');
    expect(check({ ...original, brief })).toEqual({ ok: true });
  });
});

describe('buildPolishMessages', () => {
  it('sends the facts and the drafts, and states the rules', () => {
    const [system, user] = buildPolishMessages(suggestion, facts);
    expect(system!.content).toMatch(/Write in English/);
    expect(system!.content).toMatch(/square brackets/);
    const body = JSON.parse(user!.content) as { facts: Record<string, string>; drafts: Record<string, string> };
    expect(body.facts.negative).toBe('57');
    expect(body.drafts.holding).toBe(original.holding);
  });
});

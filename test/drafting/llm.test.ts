import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSuggestion, draftFacts } from '../../src/core/respond/drafts.js';
import { polishSuggestion } from '../../src/drafting/llm.js';
import { loadPlaybooks } from '../../src/drafting/playbook-files.js';
import { createLogger } from '../../src/log.js';
import { Writable } from 'node:stream';
import { draftsOf, startOpenAiFake, type OpenAiFake } from '../fakes/openai.js';
import { T0, scenarios } from '../core/respond/fixtures/incidents.js';

const { en, fr } = await loadPlaybooks();
const [delay, , , privacy] = scenarios();
const options = { now: T0 + 75 * 60_000 };
const suggestion = buildSuggestion(delay!.incident, delay!.plan, en.playbook, options);
const facts = draftFacts(delay!.incident, delay!.plan, en.playbook, options);

let fake: OpenAiFake;
beforeAll(async () => {
  fake = await startOpenAiFake();
});
afterAll(async () => {
  await fake.close();
});

function logs(): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', stream }) };
}

const settings = () => ({ baseUrl: fake.baseUrl, model: 'local-model', apiKey: 'sk-test', timeoutMs: 2_000, forbidden: en.playbook.forbidden });

describe('polishSuggestion against an OpenAI-compatible server', () => {
  it('sends nothing when the base URL or the model is not set', async () => {
    const before = fake.requests.length;
    expect(await polishSuggestion(suggestion, facts, { timeoutMs: 1000 })).toBeUndefined();
    expect(await polishSuggestion(suggestion, facts, { baseUrl: fake.baseUrl, timeoutMs: 1000 })).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  it('returns the rewritten drafts, marked polished, when they pass the checks', async () => {
    fake.respondWith(({ messages }) => {
      const d = draftsOf(messages);
      return `\`\`\`json\n${JSON.stringify({ ...d, holding: d.holding.replace('We are aware of', 'We know about') })}\n\`\`\``;
    });
    const polished = await polishSuggestion(suggestion, facts, settings());
    expect(polished?.polished).toBe(true);
    expect(polished?.drafts.holding.startsWith('We know about')).toBe(true);
    expect(polished?.drafts.checklist).toEqual(suggestion.drafts.checklist);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.parse(request.body)).toMatchObject({ model: 'local-model', messages: [{ role: 'system' }, { role: 'user' }] });
  });

  it('rejects a response that invents a number, keeping the template', async () => {
    fake.respondWith(({ messages }) => {
      const d = draftsOf(messages);
      return JSON.stringify({ ...d, holding: d.holding.replace('We are aware of', 'We are aware that 1200 passengers face') });
    });
    const { lines, logger } = logs();
    expect(await polishSuggestion(suggestion, facts, { ...settings(), logger })).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ level: 'warn', code: 'llm_new_number', detail: 'holding: 1200' });
    expect(JSON.stringify(lines)).not.toContain('sk-test');
  });

  it('rejects a response that removes a placeholder', async () => {
    fake.respondWith(({ messages }) => {
      const d = draftsOf(messages);
      return JSON.stringify({ ...d, reply: d.reply.replace('[DM link]', 'our inbox') });
    });
    const { lines, logger } = logs();
    expect(await polishSuggestion(suggestion, facts, { ...settings(), logger })).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ code: 'llm_placeholder_removed' });
  });

  it('gives up at the timeout, keeping the template', async () => {
    fake.respondWith(({ messages }) => ({ delayMs: 1_500, content: JSON.stringify(draftsOf(messages)) }));
    const { lines, logger } = logs();
    const started = Date.now();
    expect(await polishSuggestion(suggestion, facts, { ...settings(), timeoutMs: 200, logger })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(lines.at(-1)).toMatchObject({ code: 'llm_timeout' });
  });

  it('keeps the template on an HTTP error, a non-JSON answer or an unreachable server', async () => {
    const before = fake.requests.length;
    fake.respondWith(() => ({ status: 500, body: { error: { message: 'model not loaded' } } }));
    expect(await polishSuggestion(suggestion, facts, settings())).toBeUndefined();
    fake.respondWith(() => 'Sure! Here is a better version of your statement.');
    expect(await polishSuggestion(suggestion, facts, settings())).toBeUndefined();
    // Both answers came from the server: the template was kept because of them, not because nothing was sent.
    expect(fake.requests.length).toBe(before + 2);
    expect(await polishSuggestion(suggestion, facts, { ...settings(), baseUrl: 'http://127.0.0.1:9/v1' })).toBeUndefined();
  });

  it('asks for French drafts when the playbook is French', async () => {
    const frSuggestion = buildSuggestion(privacy!.incident, privacy!.plan, fr.playbook, options);
    const frFacts = draftFacts(privacy!.incident, privacy!.plan, fr.playbook, options);
    fake.respondWith(({ messages }) => JSON.stringify(draftsOf(messages)));
    const polished = await polishSuggestion(frSuggestion, frFacts, { ...settings(), forbidden: fr.playbook.forbidden });
    expect(polished?.locale).toBe('fr');
    const system = (JSON.parse(fake.requests.at(-1)!.body) as { messages: Array<{ content: string }> }).messages[0]!.content;
    expect(system).toMatch(/Write in French/);
  });
});

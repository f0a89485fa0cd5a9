import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuggestion, draftFacts } from '../../../src/core/respond/drafts.js';
import { forbiddenPhrasings } from '../../../src/core/respond/forbidden.js';
import type { Playbook } from '../../../src/core/respond/playbook.js';
import type { Suggestion } from '../../../src/core/respond/types.js';
import { loadPlaybooks, SHIPPED_PLAYBOOK_DIR } from '../../../src/drafting/playbook-files.js';
import { T0, scenarios } from './fixtures/incidents.js';

const playbooks = await loadPlaybooks();
const NOW = T0 + 75 * 60_000;

function render(s: Suggestion): string {
  const d = s.drafts;
  return [
    `category: ${s.categorization.category}${s.categorization.mixed ? ' (mixed)' : ''}`,
    `breakdown: ${s.categorization.breakdown.map((b) => `${b.category}=${b.count}`).join(' ')}`,
    ...s.categorization.evidence.map((e) => `evidence: [${e.category}] "${e.phrase}" ${e.url ?? ''}`),
    '',
    '## holding',
    d.holding,
    '',
    '## reply',
    d.reply,
    ...(d.replies ?? []).map((r) => `\n## reply to ${r.author} (${r.sourceKind})\n${r.text}`),
    '',
    '## brief',
    d.brief,
    '',
    '## do',
    ...d.checklist.do.map((x) => `- ${x}`),
    '',
    '## dont',
    ...d.checklist.dont.map((x) => `- ${x}`),
    '',
  ].join('\n');
}

/** What is published or sent to managers: everything but the "don't" list, which names bad phrasings on purpose. */
function sayable(s: Suggestion): string[] {
  const d = s.drafts;
  return [d.holding, d.reply, d.brief, ...d.checklist.do, ...(d.replies ?? []).map((r) => r.text)];
}

const cases = scenarios().flatMap((scenario) =>
  (['en', 'fr'] as const)
    .filter((lang) => scenario.name.startsWith(lang))
    .map((lang) => ({ ...scenario, lang, playbook: playbooks[lang].playbook as Playbook })),
);

describe('the drafted scenarios', () => {
  it('are every scenario, in English and in French: the table below is not empty', () => {
    expect(cases.map((c) => c.name)).toEqual(scenarios().map((s) => s.name));
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['en', 'fr']));
  });

  it('answer a news or petition complainer somewhere, so the link check below runs', () => {
    const linked = cases.flatMap(({ incident, plan, playbook }) =>
      (buildSuggestion(incident, plan, playbook, { now: NOW }).drafts.replies ?? []).filter((r) => r.channel === 'news' || r.channel === 'petition'),
    );
    expect(linked.length).toBeGreaterThan(0);
  });
});

describe.each(cases)('drafts for $name', ({ name, incident, plan, playbook }) => {
  const suggestion = buildSuggestion(incident, plan, playbook, { now: NOW });
  const facts = draftFacts(incident, plan, playbook, { now: NOW });
  const texts = sayable(suggestion);

  it('match the golden file', async () => {
    await expect(render(suggestion)).toMatchFileSnapshot(`golden/${name}.txt`);
  });

  it('take every number from the incident facts', () => {
    const allowed = new Set(Object.values(facts.values).join(' ').match(/\d+/g) ?? []);
    // Digits inside an author's handle or a post's link belong to that name or link, which are facts themselves.
    const cited = [...facts.names, ...facts.firstPosts.map((p) => p.url)].sort((a, b) => b.length - a.length);
    const numbers = texts.flatMap((text) => (cited.reduce((t, name) => t.split(name).join(' '), text).match(/\d+/g) ?? []).map((n) => ({ n, text })));
    // The drafts state the incident's counts: without numbers this test would check nothing.
    expect(numbers.length).toBeGreaterThan(0);
    for (const { n, text } of numbers) expect(allowed, `${n} in: ${text}`).toContain(n);
  });

  it('leave no fact reference unfilled and keep every placeholder bracketed', () => {
    for (const text of texts) {
      expect(text).not.toMatch(/\{[a-z_]+\}/);
      expect(text.split('[').length, text).toBe(text.split(']').length);
    }
    // What only a human knows is asked for, never stated.
    expect(suggestion.drafts.holding).toMatch(/\[[^\]]+\]/);
    expect(suggestion.drafts.holding).toContain(facts.values.next_update);
    expect(facts.values.next_update).toMatch(/^\[.+\]$/);
  });

  it('contain no forbidden phrasing', () => {
    // The check can fire: the playbook forbids phrasings, and the "don't" list, which names them on purpose, is caught.
    expect(playbook.forbidden.length).toBeGreaterThan(0);
    expect(suggestion.drafts.checklist.dont.flatMap((text) => forbiddenPhrasings(text, playbook.forbidden)).length).toBeGreaterThan(0);
    for (const text of texts) expect(forbiddenPhrasings(text, playbook.forbidden), text).toEqual([]);
    for (const phrase of ['no comment', 'your fault', 'sans commentaire', 'votre faute']) {
      for (const text of texts) expect(forbiddenPhrasings(text, [phrase])).toEqual([]);
    }
  });

  it('are in the playbook language and cite the brand', () => {
    expect(suggestion.locale).toBe(playbook.language);
    expect(suggestion.drafts.brief).toContain(facts.values.brand);
    expect(suggestion.polished).toBe(false);
  });

  it('answer each first complainer on its own platform', () => {
    const replies = suggestion.drafts.replies ?? [];
    expect(replies.length).toBeGreaterThan(0);
    // Every scenario starts on a micro-blog, so at least one reply is checked for its @handle.
    const microblog = replies.filter((r) => r.channel === 'microblog');
    expect(microblog.length).toBeGreaterThan(0);
    for (const reply of microblog) expect(reply.text.startsWith(`@${reply.author}`)).toBe(true);
    // Not every scenario reached the news or a petition; that some do is asserted once, above the table.
    for (const reply of replies.filter((r) => r.channel === 'news' || r.channel === 'petition')) expect(reply.text).toContain(reply.url);
  });
});

describe('drafts scale with severity and stage', () => {
  const [delay, safety] = scenarios();
  const en = playbooks.en.playbook;

  it('adds the safety legal review, the press and the staff briefing for a critical stage-4 safety incident', () => {
    const s = buildSuggestion(safety!.incident, safety!.plan, en, { now: NOW });
    expect(s.categorization.category).toBe('product_safety');
    const steps = s.drafts.checklist.do.join('\n');
    expect(steps).toMatch(/legal/i);
    expect(steps).toMatch(/press/i);
    expect(steps).toMatch(/employees/i);
    expect(s.drafts.brief).toContain('U_CEO, U_LEGAL');
  });

  it('keeps a medium stage-2 delay incident to the first steps', () => {
    const s = buildSuggestion(delay!.incident, delay!.plan, en, { now: NOW });
    expect(s.drafts.checklist.do.length).toBeGreaterThan(0);
    const steps = s.drafts.checklist.do.join('\n');
    expect(steps).not.toMatch(/press/i);
    expect(steps).not.toMatch(/legal/i);
    expect(s.drafts.checklist.do.length).toBeLessThan(buildSuggestion(safety!.incident, safety!.plan, en, { now: NOW }).drafts.checklist.do.length);
  });

  it('proposes a sooner next update for a more severe incident', () => {
    const medium = draftFacts(delay!.incident, delay!.plan, en, { now: NOW }).values.next_update;
    const critical = draftFacts(safety!.incident, safety!.plan, en, { now: NOW }).values.next_update;
    expect(medium).toBe('[12:15 UTC]');
    expect(critical).toBe('[10:45 UTC]');
  });
});

describe('Arabic drafts', () => {
  it('fill the Arabic playbook with the same facts', async () => {
    const [delay] = scenarios();
    const s = buildSuggestion(delay!.incident, delay!.plan, playbooks.ar.playbook, { now: NOW });
    expect(s.locale).toBe('ar');
    expect(s.drafts.holding).toMatch(/[\u0600-\u06ff]/);
    expect(s.drafts.brief).toContain('57');
    expect(s.drafts.holding).toContain('[12:15 UTC]');
    await expect(render(s)).toMatchFileSnapshot('golden/ar-delay-medium.txt');
  });
});

describe('Darija drafts (the ready team folder playbooks/darija)', () => {
  it('answer the public in Moroccan Darija with the same facts, the internal brief staying in Modern Standard Arabic', async () => {
    const darija = await loadPlaybooks({ dir: path.join(SHIPPED_PLAYBOOK_DIR, 'darija') });
    expect(darija.ar.file).toBe(path.join(SHIPPED_PLAYBOOK_DIR, 'darija', 'ar.yaml'));
    expect(darija.fr.file).toBe(path.join(SHIPPED_PLAYBOOK_DIR, 'fr.yaml'));
    const [delay] = scenarios();
    const s = buildSuggestion(delay!.incident, delay!.plan, darija.ar.playbook, { now: NOW });
    expect(s.locale).toBe('ar');
    // Darija words (كنديرو "we are doing", عارفين "we know", عافاك "please") in the public texts only.
    expect(s.drafts.holding).toMatch(/كنديرو/);
    expect(s.drafts.holding).toContain('[12:15 UTC]');
    expect(s.drafts.reply).toMatch(/عافاك/);
    expect(s.drafts.brief).toContain('داخلي — ليس للنشر');
    expect(s.drafts.brief).toContain('57');
    expect(darija.ar.playbook.forbidden).toContain('الغلط غلطك');
    expect(forbiddenPhrasings(`${s.drafts.holding}\n${s.drafts.reply}`, darija.ar.playbook.forbidden)).toEqual([]);
    expect(forbiddenPhrasings('الغلط غلطك', darija.ar.playbook.forbidden)).toEqual(['الغلط غلطك']);
  });
});

describe('an incident without samples', () => {
  it('still gets complete drafts, with what is unknown left as placeholders', () => {
    const [delay] = scenarios();
    const s = buildSuggestion({ ...delay!.incident, samples: [], sources: [] }, delay!.plan, playbooks.en.playbook, { now: NOW });
    expect(s.categorization).toEqual({ category: 'other', mixed: false, breakdown: [], evidence: [] });
    expect(s.drafts.reply).toContain('@[author]');
    expect(s.drafts.replies).toEqual([]);
    expect(s.drafts.brief).toContain('Where it started: none yet');
    expect(s.drafts.holding).toContain('[the facts confirmed so far]');
  });
});

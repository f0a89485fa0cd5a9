import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/core/incident/incident.js';
import { channelOf, type SourceKind } from '../../../src/core/mention.js';
import { renderDrafts } from '../../../src/core/respond/drafts.js';
import { DRAFT_LANGUAGES, type Playbook } from '../../../src/core/respond/playbook.js';
import { CATEGORY_IDS, type Categorization, type Drafts } from '../../../src/core/respond/types.js';
import { loadPlaybooks } from '../../../src/drafting/playbook-files.js';
import { T0, incident, plan, sample } from './fixtures/incidents.js';

const playbooks = await loadPlaybooks();
const NOW = T0 + 75 * 60_000;
const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** One negative post per kind, as each source writes it (a petition is a link to a petition site). */
const POST: Record<string, (n: number) => Partial<Sample>> = {
  x: () => ({ sourceKind: 'x', author: 'maria_r' }),
  reddit: () => ({ sourceKind: 'reddit', url: 'https://www.reddit.com/r/travel/comments/abc/', author: 'traveller42' }),
  rss: () => ({ sourceKind: 'rss', url: 'https://blog.example.org/post', author: 'Jeanne Martin' }),
  youtube: () => ({ sourceKind: 'youtube', url: 'https://www.youtube.com/watch?v=abc', author: 'KitchenTests' }),
  gnews: () => ({ sourceKind: 'gnews', url: 'https://news.example.com/story', author: 'Example News', byline: 'publication' }),
  petitions: () => ({ sourceKind: 'petitions', url: 'https://www.change.org/p/acme', author: 'change.org', byline: 'publication' }),
};
const MIXES: SourceKind[][] = [[], ...Object.keys(POST).map((k) => [k as SourceKind]), Object.keys(POST) as SourceKind[]];

function mix(kinds: SourceKind[]): { samples: Sample[]; sources: ReturnType<typeof incident>['sources'] } {
  const samples = kinds.map((kind, i) => sample('Acme is terrible', POST[kind]!(i)));
  const sources = samples.map((s, i) => ({ kind: s.sourceKind, channel: channelOf(s), firstSeenAt: T0 + i * 60_000, negative: 3 }));
  return { samples, sources };
}

function texts(d: Drafts): string[] {
  return [d.holding, d.reply, d.brief, ...d.checklist.do, ...d.checklist.dont, ...(d.replies ?? []).map((r) => r.text)];
}

const cases = DRAFT_LANGUAGES.flatMap((language) =>
  CATEGORY_IDS.flatMap((category) =>
    [false, true].flatMap((mixed) => LEVELS.flatMap((level) => MIXES.map((kinds) => ({ language, category, mixed, level, kinds })))),
  ),
);

describe('every playbook template, rendered', () => {
  it('covers every language × category × mixed or not × severity × source mix', () => {
    expect(cases).toHaveLength(DRAFT_LANGUAGES.length * CATEGORY_IDS.length * 2 * LEVELS.length * MIXES.length);
    expect(DRAFT_LANGUAGES).toEqual(['en', 'fr', 'ar']);
  });

  it('leaves no {fact} unfilled', () => {
    const leftovers: string[] = [];
    let rendered = 0;
    for (const { language, category, mixed, level, kinds } of cases) {
      const playbook = playbooks[language].playbook as Playbook;
      const { samples, sources } = mix(kinds);
      const categorization: Categorization = {
        category,
        mixed,
        breakdown: mixed
          ? [
              { category, count: 3, share: 0.5 },
              { category: category === 'other' ? 'rumour' : 'other', count: 3, share: 0.5 },
            ]
          : [{ category, count: 3, share: 1 }],
        evidence: [],
      };
      const severity = { score: 50, level, parts: { size: 0.5, speed: 0.5, reach: 0.5, stage: 0.5 } };
      const subject = incident(samples, { severity, sources, stage: Math.min(4, Math.max(1, sources.length)) as 1 | 2 | 3 | 4 });
      const { suggestion } = renderDrafts(subject, plan({ what: { brand: '"Acme Air" OR #acme' } }), playbook, categorization, { now: NOW });
      for (const text of texts(suggestion.drafts)) {
        rendered += 1;
        const left = text.match(/\{[^{}\s]*\}/g);
        if (left)
          leftovers.push(
            `${language} ${category}${mixed ? ' mixed' : ''} ${level} [${kinds.join(',')}]: ${left.join(' ')} in "${text.slice(0, 80)}…"`,
          );
      }
    }
    expect(rendered).toBeGreaterThan(cases.length * 4);
    expect(leftovers).toEqual([]);
  });

  it('names the brand in the holding statement of category "other", in English and French', () => {
    for (const language of ['en', 'fr'] as const) {
      const categorization: Categorization = {
        category: 'other',
        mixed: false,
        breakdown: [{ category: 'other', count: 2, share: 1 }],
        evidence: [],
      };
      const { suggestion } = renderDrafts(
        incident(mix(['x']).samples),
        plan({ what: { brand: '"Acme Air"' } }),
        playbooks[language].playbook,
        categorization,
        {
          now: NOW,
        },
      );
      expect(suggestion.drafts.holding, language).toContain('Acme Air');
      expect(suggestion.drafts.holding, language).not.toContain('{brand}');
    }
  });
});

describe('replies are drafted to people only', () => {
  it('answers the blogger who signed a post, never the feed title that stands in for a missing author', () => {
    const signed = sample('Acme lost my booking, awful', { sourceKind: 'rss', url: 'https://blog.example.org/a', author: 'Jeanne Martin' });
    const unsigned = sample('Acme is awful', {
      sourceKind: 'rss',
      url: 'https://blog.example.org/b',
      author: 'Le blog du voyage',
      byline: 'publication',
    });
    const categorization: Categorization = { category: 'other', mixed: false, breakdown: [{ category: 'other', count: 2, share: 1 }], evidence: [] };
    for (const language of ['en', 'fr'] as const) {
      const { suggestion, facts } = renderDrafts(incident([unsigned, signed]), plan(), playbooks[language].playbook, categorization, { now: NOW });
      expect(
        facts.firstPosts.map((p) => p.author),
        language,
      ).toEqual(['Jeanne Martin']);
      expect(
        (suggestion.drafts.replies ?? []).map((r) => r.author),
        language,
      ).toEqual(['Jeanne Martin']);
      expect(suggestion.drafts.reply, language).not.toContain('Le blog du voyage');
      const alone = renderDrafts(incident([unsigned]), plan(), playbooks[language].playbook, categorization, { now: NOW }).suggestion;
      expect(alone.drafts.replies, language).toEqual([]);
      expect(alone.drafts.reply, language).toContain('[author]');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { FSI, LRM, PDI, RLM } from '../../src/i18n/bidi.js';
import { catalogEntries, sectionKeys, t } from '../../src/i18n/catalog.js';
import type { Entry } from '../../src/i18n/section.js';

describe('message catalogue', () => {
  it('has no key defined by two sections', () => {
    const seen = new Map<string, number>();
    const sections = sectionKeys();
    // A clash needs two sections with keys: fewer and the loop below has nothing to compare.
    expect(sections.filter((keys) => keys.length > 0).length).toBeGreaterThanOrEqual(2);
    sections.forEach((keys, section) => {
      for (const key of keys) {
        expect(seen.has(key), `${key} is in sections ${seen.get(key)} and ${section}`).toBe(false);
        seen.set(key, section);
      }
    });
  });

  it('renders placeholders and leaves a missing one visible', () => {
    expect(t('en', 'cmd.error.plan_not_found', { plan: 'acme' })).toContain('"acme"');
    expect(t('fr', 'cmd.error.plan_not_found', { plan: 'acme' })).toContain('« acme »');
    expect(t('en', 'cmd.error.plan_not_found')).toContain('{plan}');
  });
});

/**
 * The Arabic entries that are the English text on purpose: command syntax, formats made only of placeholders and
 * punctuation, product names, and each language's name in its own language. A new key missing from this list and
 * equal in both languages is an entry someone forgot to translate.
 */
const SAME_IN_ARABIC = [
  'corr.teams.choice',
  'cmd.help.line',
  'cmd.syntax.act',
  'cmd.syntax.add',
  'cmd.syntax.competitor',
  'cmd.syntax.correct',
  'cmd.syntax.exclude',
  'cmd.syntax.export',
  'cmd.syntax.help',
  'cmd.syntax.history',
  'cmd.syntax.list',
  'cmd.syntax.news',
  'cmd.syntax.pause',
  'cmd.syntax.plan',
  'cmd.syntax.remove',
  'cmd.syntax.report',
  'cmd.syntax.resume',
  'cmd.syntax.set',
  'cmd.syntax.show',
  'cmd.syntax.source',
  'cmd.syntax.status',
  'cmd.syntax.suggest',
  'cmd.syntax.test',
  'cmd.syntax.unsource',
  'cmd.syntax.used',
  'cmd.syntax.watch',
  'cmd.test.item',
  'cmd.test.source_error',
  'query.expected.OR',
  'slack.alert.sourceItem',
  'slack.kind.hn',
  'slack.kind.mastodon',
  'slack.kind.reddit',
  'slack.kind.youtube',
  'slack.locale.ar',
  'slack.locale.en',
  'slack.locale.fr',
  'slack.suggest.breakdownItem',
  'src.error.other',
  'teamfit.suggest.command',
  'teams.alert.engagement',
  'teams.alert.severityValue',
  'teams.alert.source',
  'teams.alert.stageValue',
  'teams.kind.bluesky',
  'teams.kind.gdelt',
  'teams.kind.hn',
  'teams.kind.mastodon',
  'teams.kind.reddit',
  'teams.kind.x',
  'teams.kind.youtube',
  'teams.locale.ar',
  'teams.locale.en',
  'teams.locale.fr',
  'teams.suggest.share',
];

/** Counts English reads only to choose singular or plural, where the other language's word does not change. */
const GRAMMAR_ONLY: Record<string, string[]> = { 'fr:slack.metric.likes': ['n'] };

/**
 * The parameters an entry reads: `{name}` placeholders of a string; for a function (plurals, grammar), the names
 * it reads from its parameters, recorded while it renders with every value a marker.
 */
function parametersOf(entry: Entry): string[] {
  if (typeof entry === 'string') return [...new Set([...entry.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
  const read = new Set<string>();
  const params = new Proxy({} as Record<string, string | number>, {
    get: (_, name) => {
      if (typeof name === 'string') read.add(name);
      return typeof name === 'string' ? `⟦${name}⟧` : undefined;
    },
  });
  entry(params);
  return [...read].sort();
}

/** An entry rendered with every parameter a marker: what a reader would see, to compare two languages. */
function shown(entry: Entry): string {
  if (typeof entry === 'string') return entry;
  return entry(new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `⟦${name}⟧` : undefined) }));
}

describe('English, French and Arabic catalogues', () => {
  const en = catalogEntries('en');
  const keys = Object.keys(en).sort();

  it('have the same keys', () => {
    expect(keys.length).toBeGreaterThan(500);
    expect(Object.keys(catalogEntries('fr')).sort()).toEqual(keys);
    expect(Object.keys(catalogEntries('ar')).sort()).toEqual(keys);
  });

  it('read the same placeholders in every language, for strings and for plural functions alike', () => {
    const functions = keys.filter((key) => typeof en[key] === 'function');
    expect(functions.length).toBeGreaterThan(10);
    for (const locale of ['fr', 'ar'] as const) {
      const entries = catalogEntries(locale);
      const differing = keys.filter(
        (key) =>
          parametersOf(entries[key]!).join() !==
          parametersOf(en[key]!)
            .filter((name) => !GRAMMAR_ONLY[`${locale}:${key}`]?.includes(name))
            .join(),
      );
      expect(differing, `${locale} entries whose placeholders differ from English`).toEqual([]);
    }
  });

  it('have no Arabic entry left in English, except the listed ones', () => {
    const ar = catalogEntries('ar');
    const same = keys.filter((key) => shown(ar[key]!) === shown(en[key]!));
    expect(same).toEqual([...SAME_IN_ARABIC].sort());
    const latinOnly = keys.filter((key) => !SAME_IN_ARABIC.includes(key) && !/[\u0600-\u06ff]/.test(shown(ar[key]!)));
    // Formats made of placeholders and symbols only, which differ from English by their arrows or quotes; and a query
    // line, whose role word is Arabic for the known roles but here the marker.
    expect(latinOnly).toEqual(['alert.chart.range', 'cmd.show.query', 'query.expected.(', 'query.expected.)', 'slack.suggest.evidenceItem']);
  });
});

describe('Arabic messages', () => {
  it('are laid out right to left, with ids, commands and numbers in isolates', () => {
    const text = t('ar', 'cmd.error.plan_exists', { plan: 'acme-2024' });
    expect(text.startsWith(RLM)).toBe(false);
    expect(text).toContain(`«${FSI}acme-2024${PDI}»`);
    // The code span keeps its backticks outside, so Slack and Markdown still show it as code.
    expect(text).toContain(`\`${FSI}show acme-2024${PDI}\``);
    // A line that opens with a Latin name gets a right-to-left mark; one that opens in Arabic does not need it.
    expect(t('ar', 'cli.intro')).toBe(`${RLM}Vigie: روبوت رصد الأزمات لـ Slack و Microsoft Teams.`);
  });

  it('leave Slack mentions, channels, Markdown link targets and bare URLs as they are', () => {
    expect(t('ar', 'slack.alert.state.resolved', { at: '<!date^1^{time}|09:00>' })).toContain(`${FSI}<!date^1^{time}|09:00>${PDI}`);
    expect(t('ar', 'slack.escalate.text', { by: 'U0ACK', mentions: '<@U1>' })).toContain('<@U0ACK>');
    expect(t('ar', 'slack.modal.saved.created', { plan: 'acme', channel: 'C42' })).toContain('<#C42>');
    expect(t('ar', 'teams.alert.post', { author: '@jdoe', url: 'https://x.com/jdoe/status/1', kind: 'X', text: 'late' })).toContain(
      '](https://x.com/jdoe/status/1)',
    );
    const item = t('ar', 'cmd.test.item', {
      label: 'negative',
      confidence: 91,
      sourceKind: 'rss',
      author: 'a',
      text: 'b',
      url: 'https://e.example/1',
    });
    expect(item.endsWith(' https://e.example/1')).toBe(true);
  });

  it('name lists with the Arabic comma and "or"', () => {
    const text = t('ar', 'cmd.error.missing_argument', {
      argument: [{ key: 'query.expected.term' }, { key: 'query.expected.hashtag' }, { key: 'query.expected.handle' }],
    });
    expect(text).toMatch(/كلمة.*، .*وسم مثل.* أو .*حساب مثل/);
  });

  it('agree with their number: one, two, three to ten, eleven to ninety-nine, a hundred', () => {
    const posts = (observed: number): string =>
      t('ar', 'alert.explanation.negative', { observed, window: '1 h', expected: 2, spread: 1, day: 'الأحد', ratio: 3, tail: 0.001 });
    expect(posts(1)).toContain('منشور سلبي واحد');
    expect(posts(2)).toContain('منشوران سلبيان');
    expect(posts(3)).toContain('3 منشورات سلبية');
    expect(posts(11)).toContain('11 منشورًا سلبيًا');
    expect(posts(100)).toContain('100 منشور سلبي');
    expect(t('ar', 'teams.duration.hours', { n: 2 })).toBe('ساعتان');
  });

  it('keep a query and its caret pointer left to right, one under the other', () => {
    const text = t('ar', 'cmd.error.query', { role: 'brand', detail: 'x', query: 'acme OR )', pointer: '        ^' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${LRM}\`acme OR )\``);
    expect(lines[2]).toBe(`${LRM}\`        ^\``);
  });
});

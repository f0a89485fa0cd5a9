import { catalogueAliases } from '../../../src/app/commands/aliases.js';
import { describe, expect, it } from 'vitest';
import { CommandParseError } from '../../../src/core/commands/grammar.js';
import { isSlowCommand, parseCommand } from '../../../src/core/commands/parse.js';

describe('parseCommand', () => {
  it('parses every command of the shared parser', () => {
    expect(parseCommand('help')).toEqual({ name: 'help' });
    expect(parseCommand('watch acme Acme OR "Acme Air" -job')).toEqual({ name: 'watch', plan: 'acme', query: 'Acme OR "Acme Air" -job' });
    expect(parseCommand('add acme acmeair "acme airlines"')).toEqual({ name: 'add', plan: 'acme', terms: ['acmeair', '"acme airlines"'] });
    expect(parseCommand('exclude acme job hiring')).toEqual({ name: 'exclude', plan: 'acme', terms: ['job', 'hiring'] });
    expect(parseCommand('competitor acme Globex')).toEqual({ name: 'competitor', plan: 'acme', query: 'Globex' });
    expect(parseCommand('news acme "Acme SA" résultats')).toEqual({ name: 'news', plan: 'acme', query: '"Acme SA" résultats' });
    expect(parseCommand('source acme rss https://example.com/feed.xml')).toEqual({
      name: 'source',
      plan: 'acme',
      kind: 'rss',
      arg: 'https://example.com/feed.xml',
    });
    expect(parseCommand('source acme gnews')).toEqual({ name: 'source', plan: 'acme', kind: 'gnews' });
    expect(parseCommand('unsource acme gnews fr-MA')).toEqual({ name: 'unsource', plan: 'acme', kind: 'gnews', arg: 'fr-MA' });
    expect(parseCommand('set acme quiet 22:00-07:00 Africa/Casablanca')).toEqual({
      name: 'set',
      plan: 'acme',
      field: 'quiet',
      value: '22:00-07:00 Africa/Casablanca',
    });
    for (const name of ['list', 'status'] as const) expect(parseCommand(name)).toEqual({ name });
    for (const name of ['show', 'pause', 'resume', 'remove', 'test'] as const) expect(parseCommand(`${name} acme`)).toEqual({ name, plan: 'acme' });
    expect(parseCommand('plan')).toEqual({ name: 'plan' });
    expect(parseCommand('plan acme')).toEqual({ name: 'plan', plan: 'acme' });
    expect(parseCommand('act 1234 ack')).toEqual({ name: 'act', incident: '1234', action: 'ack' });
    expect(parseCommand('correct 3f9a1c Neutral')).toEqual({ name: 'correct', post: '3f9a1c', label: 'neutral' });
    expect(parseCommand('corriger 3f9a1c positif', catalogueAliases())).toEqual({ name: 'correct', post: '3f9a1c', label: 'positif' });
  });

  it('takes quoted plan names and ignores a leading /vigie', () => {
    expect(parseCommand('/vigie watch "Royal Air Maroc" RAM OR #RAM')).toEqual({ name: 'watch', plan: 'Royal Air Maroc', query: 'RAM OR #RAM' });
    expect(parseCommand('  WATCH acme Acme ')).toEqual({ name: 'watch', plan: 'acme', query: 'Acme' });
    expect(parseCommand('aide', catalogueAliases())).toEqual({ name: 'help' });
  });

  it('keeps the query verbatim, Arabic included', () => {
    expect(parseCommand('watch مطار الخطوط OR "الخطوط الملكية"')).toEqual({ name: 'watch', plan: 'مطار', query: 'الخطوط OR "الخطوط الملكية"' });
  });

  it('reports what is wrong as data', () => {
    const failure = (line: string) => {
      let caught: unknown;
      try {
        parseCommand(line);
      } catch (error) {
        caught = error;
      }
      expect(caught, `"${line}" parsed`).toBeInstanceOf(CommandParseError);
      const e = caught as CommandParseError;
      return { code: e.code, command: e.command, argument: e.argument };
    };
    expect(failure('')).toEqual({ code: 'empty', command: undefined, argument: undefined });
    expect(failure('frobnicate acme')).toEqual({ code: 'unknown_command', command: undefined, argument: 'frobnicate' });
    expect(failure('watch acme')).toEqual({ code: 'missing_argument', command: 'watch', argument: 'query' });
    expect(failure('show')).toEqual({ code: 'missing_argument', command: 'show', argument: 'plan' });
    expect(failure('list everything')).toEqual({ code: 'unexpected_argument', command: 'list', argument: 'everything' });
    expect(failure('source acme rss a b')).toEqual({ code: 'unexpected_argument', command: 'source', argument: 'b' });
    expect(failure('correct 3f9a1c')).toEqual({ code: 'missing_argument', command: 'correct', argument: 'label' });
    expect(failure('correct 3f9a1c neutral please')).toEqual({ code: 'unexpected_argument', command: 'correct', argument: 'please' });
    expect(failure('watch "acme Acme')).toEqual({ code: 'unterminated_quote', command: undefined, argument: undefined });
  });

  it('knows which commands are slow', () => {
    expect(isSlowCommand('test acme')).toBe(true);
    expect(isSlowCommand('list')).toBe(false);
    expect(isSlowCommand('not a command')).toBe(false);
  });
});

describe('direction controls', () => {
  it('are ignored: a command copied from an Arabic reply, or typed on a right-to-left keyboard, parses as typed', () => {
    expect(parseCommand('\u200fresume \u2068acme\u2069')).toEqual(parseCommand('resume acme'));
    expect(parseCommand('\u2068set acme locale ar\u2069')).toEqual(parseCommand('set acme locale ar'));
  });
});

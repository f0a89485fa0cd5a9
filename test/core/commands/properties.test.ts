import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, CommandParseError } from '../../../src/core/commands/grammar.js';
import { isSlowCommand, parseCommand } from '../../../src/core/commands/parse.js';

const ERROR_CODES = ['empty', 'unknown_command', 'missing_argument', 'unexpected_argument', 'unterminated_quote'];

/** A word of a command line: command names, plan-like words, quotes of both kinds, URLs, Arabic, emoji, odd spaces. */
const word = fc.oneof(
  fc.constantFrom(...COMMAND_NAMES),
  fc.constantFrom('/vigie', 'vigie', 'aide', '?', 'ls', 'rm', 'acme', '"Royal Air Maroc"', '“Acme”', '"', '“', '”', 'rss', 'gnews', 'fr-MA'),
  fc.constantFrom('https://example.org/feed.xml', 'quiet', '22:00-07:00', 'Africa/Casablanca', 'شركة', '😀', 'OR', '-jobs', '#acme', '@acme'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u3000', '');
const line = fc.oneof(
  fc.tuple(fc.constantFrom(...COMMAND_NAMES), fc.array(word, { maxLength: 6 })).map(([name, words]) => [name, ...words].join(' ')),
  fc.array(fc.tuple(word, separator), { maxLength: 12 }).map((parts) => parts.map(([w, s]) => `${w}${s}`).join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

/** Every string the parsed command carries (plan, query, terms…), besides its name. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => (key === 'name' ? [] : strings(v)));
  return [];
}

/** Parse one line: a command, or the parser's own error with a known code; anything else is a surprise. */
function tryCommand(input: string): { kind: 'parsed' | 'refused'; carried: number; surprise?: string } {
  try {
    const command = parseCommand(input);
    if (!COMMAND_NAMES.includes(command.name)) return { kind: 'parsed', carried: 0, surprise: `unknown name ${command.name}` };
    return { kind: 'parsed', carried: strings(command).reduce((n, s) => n + s.length, 0) };
  } catch (error) {
    if (!(error instanceof CommandParseError)) return { kind: 'refused', carried: 0, surprise: `threw ${String(error)}` };
    return ERROR_CODES.includes(error.code) ? { kind: 'refused', carried: 0 } : { kind: 'refused', carried: 0, surprise: `code ${error.code}` };
  }
}

describe('the command parser on any input (fast-check)', () => {
  it('returns a known command or a CommandParseError with a known code, never anything else', () => {
    const outcomes = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(line, (input) => {
        const outcome = tryCommand(input);
        outcomes[outcome.kind] += 1;
        expect(outcome.surprise).toBeUndefined();
        expect(typeof isSlowCommand(input)).toBe('boolean');
      }),
      { numRuns: 5_000 },
    );
    expect(outcomes.parsed).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(500);
  });

  it('carries no more text than it was given: what a command holds is cut from its line', () => {
    fc.assert(
      fc.property(line, (input) => {
        expect(tryCommand(input).carried).toBeLessThanOrEqual(input.length);
      }),
      { numRuns: 5_000 },
    );
  });
});

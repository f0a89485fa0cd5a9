import { describe, expect, it } from 'vitest';
import { toTeamsMarkdown } from '../../../src/platforms/teams/markdown.js';

describe('catalogue text as Teams Markdown', () => {
  it('turns single-star emphasis into bold and leaves code, lists and double stars alone', () => {
    expect(toTeamsMarkdown('Plan *acme* created, watching `"Acme" OR *x`.')).toBe('Plan **acme** created, watching `"Acme" OR *x`.');
    expect(toTeamsMarkdown('• *acme*: active')).toBe('• **acme**: active');
    expect(toTeamsMarkdown('already **bold** here')).toBe('already **bold** here');
    expect(toTeamsMarkdown('2 * 3 * 4')).toBe('2 * 3 * 4');
  });

  it('gives every line its own paragraph and drops blank ones', () => {
    expect(toTeamsMarkdown('first\nsecond\n\nthird')).toBe('first\n\nsecond\n\nthird');
  });
});

import { describe, expect, it } from 'vitest';
import { redactedExcerpt, redactSecrets } from '../src/secret-text.js';

describe('token-like strings hidden from upstream text', () => {
  const cases: Array<[string, string]> = [
    ['Authorization: Bearer abc.def-ghi_jkl123', 'Bearer'],
    ['{"access_token":"ya29.a0AfH6SMBx3"}', 'ya29'],
    ['url?api_key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY&q=x', 'AIzaSy'],
    ['slack said xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', 'xoxb-1765'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGci'],
    ['password=hunter2-hunter2', 'hunter2'],
    ['session 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffee1234', '9f8e7d6c5b4a'],
  ];

  it('hides each kind of secret and keeps the words around it', () => {
    expect(cases).toHaveLength(7);
    for (const [text, secret] of cases) {
      const out = redactSecrets(text);
      expect(out, text).not.toContain(secret);
      expect(out, text).toContain('[redacted]');
    }
    expect(redactSecrets('Service Unavailable: try again in 30 seconds')).toBe('Service Unavailable: try again in 30 seconds');
  });

  it('keeps excerpts to one bounded line', () => {
    const excerpt = redactedExcerpt(`line one\nline two\n${'word '.repeat(200)}`, 50);
    expect(excerpt).toMatch(/^line one line two word/);
    expect(excerpt).not.toContain('\n');
    expect(excerpt).toHaveLength(51);
  });
});

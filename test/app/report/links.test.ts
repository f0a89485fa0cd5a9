import { describe, expect, it } from 'vitest';
import { createReportLinks } from '../../../src/app/report/links.js';

const KEY = 'k'.repeat(64);
const links = createReportLinks({ key: KEY, baseUrl: () => 'https://vigie.example', ttlMs: 3_600_000 });

function partsOf(url: string) {
  const parsed = new URL(url);
  const id = decodeURIComponent(parsed.pathname.replace('/report/', ''));
  return links.parse(id, Object.fromEntries(parsed.searchParams))!;
}

describe('signed report links', () => {
  const now = Date.UTC(2026, 11, 3, 10);
  const url = links.urlFor('inc-1', now);

  it('open their own incident until they expire', () => {
    expect(url).toMatch(/^https:\/\/vigie\.example\/report\/inc-1\?i=\d+&e=\d+&s=[0-9a-f]{64}$/);
    const parts = partsOf(url);
    expect(links.check(parts, now + 1000, undefined)).toBeUndefined();
    expect(links.check(parts, now + 3_600_000, undefined)).toBe('expired');
  });

  it('refuse another incident, a later expiry, a changed signature, another key', () => {
    const parts = partsOf(url);
    expect(links.check({ ...parts, subject: 'inc-2' }, now, undefined)).toBe('bad_signature');
    expect(links.check({ ...parts, expiresAt: parts.expiresAt + 86_400_000 }, now, undefined)).toBe('bad_signature');
    expect(links.check({ ...parts, issuedAt: parts.issuedAt + 1 }, now, undefined)).toBe('bad_signature');
    const flipped = parts.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(links.check({ ...parts, signature: flipped }, now, undefined)).toBe('bad_signature');
    expect(links.check({ ...parts, signature: 'abc' }, now, undefined)).toBe('malformed');
    const other = createReportLinks({ key: 'o'.repeat(64), baseUrl: () => '', ttlMs: 3_600_000 });
    expect(other.check(parts, now, undefined)).toBe('bad_signature');
  });

  it('stop at a revocation, and a link issued after it works', () => {
    const parts = partsOf(url);
    expect(links.check(parts, now + 10, now + 5)).toBe('revoked');
    expect(links.check(partsOf(links.urlFor('inc-1', now + 6)), now + 10, now + 5)).toBeUndefined();
  });

  it('read nothing from a query missing a part or holding a non-number', () => {
    expect(links.parse('inc-1', { i: '1', e: '2' })).toBeUndefined();
    expect(links.parse('inc-1', { i: '1', e: 'soon', s: 'a'.repeat(64) })).toBeUndefined();
    expect(links.parse('inc-1', { i: ['1', '2'], e: '2', s: 'a'.repeat(64) })).toBeUndefined();
  });
});

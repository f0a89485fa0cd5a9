import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed, parseSecretKey } from '../../src/store/secret-box.js';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');

describe('secrets sealed at rest (AES-256-GCM, versioned envelope)', () => {
  it('seals a token into a v1 envelope that does not contain it, and opens it again', () => {
    const box = createSecretBox({ key: KEY_A });
    const sealed = box.seal('xoxb-1234-secret', 'slack/T1/bot.token');
    expect(sealed).toMatch(/^vigie-secret:v1:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('xoxb');
    expect(box.open(sealed, 'slack/T1/bot.token')).toBe('xoxb-1234-secret');
    // A fresh nonce each time: the same token never seals to the same text.
    expect(box.seal('xoxb-1234-secret', 'slack/T1/bot.token')).not.toBe(sealed);
  });

  it('refuses a sealed value moved to another record, or altered', () => {
    const box = createSecretBox({ key: KEY_A });
    const sealed = box.seal('xoxb-1234-secret', 'slack/T1/bot.token');
    expect(() => box.open(sealed, 'slack/T2/bot.token')).toThrow(expect.objectContaining({ code: 'secret_unreadable' }));
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(altered, 'slack/T1/bot.token')).toThrow(expect.objectContaining({ code: 'secret_unreadable' }));
  });

  it('opens values sealed with the previous key during a rotation, and marks them stale', () => {
    const old = createSecretBox({ key: KEY_A });
    const sealedOld = old.seal('xoxb-old', 'ctx');
    const rotating = createSecretBox({ key: KEY_B, previous: KEY_A });
    expect(rotating.open(sealedOld, 'ctx')).toBe('xoxb-old');
    expect(rotating.stale(sealedOld)).toBe(true);
    const sealedNew = rotating.seal('xoxb-old', 'ctx');
    expect(rotating.stale(sealedNew)).toBe(false);
    expect(createSecretBox({ key: KEY_B }).open(sealedNew, 'ctx')).toBe('xoxb-old');
    expect(() => createSecretBox({ key: KEY_B }).open(sealedOld, 'ctx')).toThrow(expect.objectContaining({ code: 'secret_key_unknown' }));
  });

  it('reads plain values stored before a key was set, and says a key is missing for sealed ones', () => {
    const plain = createSecretBox();
    expect(plain.sealing).toBe(false);
    expect(plain.seal('xoxb-plain', 'ctx')).toBe('xoxb-plain');
    expect(createSecretBox({ key: KEY_A }).open('xoxb-plain', 'ctx')).toBe('xoxb-plain');
    expect(createSecretBox({ key: KEY_A }).stale('xoxb-plain')).toBe(true);
    const sealed = createSecretBox({ key: KEY_A }).seal('xoxb-1', 'ctx');
    expect(isSealed(sealed)).toBe(true);
    expect(() => plain.open(sealed, 'ctx')).toThrow(expect.objectContaining({ code: 'secret_key_missing' }));
  });

  it('accepts 32-byte keys in base64 or hex only', () => {
    expect(parseSecretKey(KEY_A)?.length).toBe(32);
    expect(parseSecretKey(KEY_B)?.length).toBe(32);
    expect(parseSecretKey('correct horse battery staple')).toBeUndefined();
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeUndefined();
  });
});

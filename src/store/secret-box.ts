import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (workspace bot tokens): AES-256-GCM with a random 96-bit nonce, in a versioned text envelope
 *
 *   vigie-secret:v1:<key id>:<nonce>:<tag>:<ciphertext>      (base64url parts)
 *
 * The key id (8 hex digits of the key's SHA-256) says which key sealed a value, so that after a rotation the
 * previous key still opens what it sealed until `vigie rotate-secrets` seals it again with the new one. Each value
 * is bound to where it is stored (`context`, the GCM additional data): a sealed token copied to another workspace's
 * record does not open. A value without the prefix is a plain one (stored before a key was set) and is read as is.
 */
const VERSION = 'v1';
const PREFIX = `vigie-secret:${VERSION}:`;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

export type SecretErrorCode = 'secret_key_missing' | 'secret_key_unknown' | 'secret_unreadable';

export class SecretError extends Error {
  readonly code: SecretErrorCode;
  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.name = 'SecretError';
    this.code = code;
  }
}

/** A key setting: 32 bytes as base64 (`openssl rand -base64 32`) or as 64 hex digits; undefined when it is neither. */
export function parseSecretKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === KEY_BYTES ? bytes : undefined;
}

export interface SecretKeys {
  /** VIGIE_SECRET_KEY: seals every value written. Absent: values are written plain. */
  key?: string;
  /** VIGIE_SECRET_KEY_PREVIOUS: opens values sealed before a rotation, never seals. */
  previous?: string;
}

export interface SecretBox {
  /** Whether values are sealed when written (a key is set). */
  readonly sealing: boolean;
  seal(plain: string, context: string): string;
  /** The plain value of a sealed or plain one. Throws SecretError when no configured key opens it. */
  open(stored: string, context: string): string;
  /** Whether `stored` should be written again: plain while a key is set, or sealed by another key than the current. */
  stale(stored: string): boolean;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function keyOf(name: string, text: string | undefined): Buffer | undefined {
  if (text === undefined) return undefined;
  const key = parseSecretKey(text);
  if (key === undefined) throw new SecretError('secret_key_unknown', `${name} must be 32 bytes in base64 or 64 hex digits`);
  return key;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function createSecretBox(keys: SecretKeys = {}): SecretBox {
  const current = keyOf('VIGIE_SECRET_KEY', keys.key);
  const previous = keyOf('VIGIE_SECRET_KEY_PREVIOUS', keys.previous);
  const byId = new Map<string, Buffer>();
  if (previous !== undefined) byId.set(keyId(previous), previous);
  if (current !== undefined) byId.set(keyId(current), current);
  const currentId = current === undefined ? undefined : keyId(current);

  return {
    sealing: current !== undefined,
    seal(plain, context) {
      if (current === undefined || currentId === undefined) return plain;
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${currentId}:${[nonce, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join(':')}`;
    },
    open(stored, context) {
      if (!isSealed(stored)) return stored;
      const [id, nonce, tag, data, ...rest] = stored.slice(PREFIX.length).split(':');
      if (id === undefined || nonce === undefined || tag === undefined || data === undefined || rest.length > 0) {
        throw new SecretError('secret_unreadable', `a sealed secret (${context}) is not a ${VERSION} envelope`);
      }
      const key = byId.get(id);
      if (key === undefined) {
        throw byId.size === 0
          ? new SecretError('secret_key_missing', `a secret (${context}) is sealed but VIGIE_SECRET_KEY is not set`)
          : new SecretError(
              'secret_key_unknown',
              `a secret (${context}) was sealed with key ${id}, which is neither VIGIE_SECRET_KEY nor VIGIE_SECRET_KEY_PREVIOUS`,
            );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretError('secret_unreadable', `a sealed secret (${context}) failed its integrity check (altered, or moved from another record)`);
      }
    },
    stale(stored) {
      if (currentId === undefined) return false;
      return !isSealed(stored) || !stored.startsWith(`${PREFIX}${currentId}:`);
    },
  };
}

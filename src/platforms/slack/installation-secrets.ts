import type { SecretBox } from '../../store/secret-box.js';

/** The fields of a stored Slack installation that hold tokens: sealed at rest when VIGIE_SECRET_KEY is set. */
const SECRET_FIELDS = [
  ['bot', 'token'],
  ['bot', 'refreshToken'],
  ['user', 'token'],
  ['user', 'refreshToken'],
] as const;

type Transform = (value: string, context: string) => string;

function eachSecret(value: Record<string, unknown>, key: string, fn: Transform): Record<string, unknown> {
  const out = structuredClone(value);
  for (const [group, field] of SECRET_FIELDS) {
    const holder = out[group];
    if (typeof holder !== 'object' || holder === null) continue;
    const record = holder as Record<string, unknown>;
    const secret = record[field];
    // The context binds a sealed token to its workspace and field: a token moved to another record does not open.
    if (typeof secret === 'string' && secret !== '') record[field] = fn(secret, `slack/${key}/${group}.${field}`);
  }
  return out;
}

/** The installation as stored: tokens sealed with the current key (a value already sealed is opened first). */
export function sealInstallation(value: Record<string, unknown>, key: string, box: SecretBox): Record<string, unknown> {
  return eachSecret(value, key, (secret, context) => box.seal(box.open(secret, context), context));
}

/** The installation as used: tokens in plain text. Throws SecretError when a token cannot be opened. */
export function openInstallation(value: Record<string, unknown>, key: string, box: SecretBox): Record<string, unknown> {
  return eachSecret(value, key, (secret, context) => box.open(secret, context));
}

/** Whether a stored installation holds a token that is plain or sealed with an older key. */
export function staleInstallation(value: Record<string, unknown>, key: string, box: SecretBox): boolean {
  let stale = false;
  eachSecret(value, key, (secret) => {
    stale ||= box.stale(secret);
    return secret;
  });
  return stale;
}

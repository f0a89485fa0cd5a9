/**
 * Token-like strings hidden from a text that came from elsewhere (an upstream error body, a parser message): a
 * server that echoes request headers back in its error page would otherwise hand our credentials to whoever reads
 * the text. What is hidden: credentials after an auth scheme (Bearer, Basic, token), values of `key=`/`"key":`
 * pairs whose name says secret, well-known token shapes (Slack, GitHub, Google, JWT), and long random-looking runs.
 */
const MARK = '[redacted]';

const SCHEME = /\b(Bearer|Basic|Token|Bot|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const NAMED =
  /\b((?:access|refresh|id|bearer|api|app|client|auth|session|secret|private)?[-_]?(?:token|key|secret|password|passwd|pwd|signature|sig|authorization|cookie|credential)s?)(["']?\s*[:=]\s*["']?)([^\s"'&,;}<]{4,})/gi;
const SHAPES = [
  /\bxox[abeprs]-[A-Za-z0-9-]{8,}/g,
  /\bxapp-[A-Za-z0-9-]{8,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
];
/** A run of 32+ token characters mixing letters and digits: a key, a hash, a session id. */
const RANDOM_RUN = /[A-Za-z0-9_+/=-]{32,}/g;

export function redactSecrets(text: string): string {
  let out = text.replace(SCHEME, (_whole, scheme: string) => `${scheme} ${MARK}`);
  out = out.replace(NAMED, (_whole, name: string, sep: string) => `${name}${sep}${MARK}`);
  for (const shape of SHAPES) out = out.replace(shape, MARK);
  return out.replace(RANDOM_RUN, (run) => (/[A-Za-z]/.test(run) && /\d/.test(run) ? MARK : run));
}

/** A short single-line excerpt of a text from elsewhere, with its secrets hidden: what logs may keep of it. */
export function redactedExcerpt(text: string, max = 300): string {
  const line = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Why a report link was refused (each is a 403 for the browser; the log line says which). */
export type ReportLinkRefusal = 'malformed' | 'bad_signature' | 'expired' | 'revoked';

export interface ReportLinkParts {
  /** What the link opens: an incident's id (its report page), or an export's subject (`exportSubject`). */
  subject: string;
  /** When the link was issued: `report revoke` refuses every link issued before it. */
  issuedAt: number;
  expiresAt: number;
  signature: string;
}

export interface ReportLinks {
  /** The signed address of one incident's report page, valid from `now` for the configured time. */
  urlFor(incidentId: string, now: number): string;
  /** The signed address of `path` (under the base URL) opening `subject` only. */
  signedUrl(path: string, subject: string, now: number): string;
  /** Why the link is refused, or undefined when it opens its incident's page. */
  check(parts: ReportLinkParts, now: number, revokedAt: number | undefined): ReportLinkRefusal | undefined;
  /** Read the parts from a request's subject and query; undefined when a part is missing or not a number. */
  parse(subject: string, query: Record<string, unknown>): ReportLinkParts | undefined;
  ttlMs: number;
}

const PATH = '/report/';
const TIME = /^\d{1,15}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * Signed, expiring links to one incident's report page (or one export): HMAC-SHA256 over the incident id (the
 * export's subject), the issue time and the expiry, so that changing any of them (another incident's id with the
 * same signature, a later expiry) breaks the signature. Compared in constant time. Nothing is stored per link: a revocation stores one time on the
 * incident, and links issued before it are refused.
 */
export function createReportLinks(options: { key?: string; baseUrl: () => string; ttlMs: number }): ReportLinks {
  // Without a configured key, links are signed with a key that lives as long as the process (README).
  const key = options.key ?? randomBytes(32).toString('hex');
  const sign = (subject: string, issuedAt: number, expiresAt: number): string =>
    createHmac('sha256', key).update(`vigie-report\n${subject}\n${issuedAt}\n${expiresAt}`).digest('hex');
  const signedUrl = (path: string, subject: string, now: number): string => {
    const expiresAt = now + options.ttlMs;
    const query = new URLSearchParams({ i: String(now), e: String(expiresAt), s: sign(subject, now, expiresAt) });
    return `${options.baseUrl()}${path}?${query.toString()}`;
  };
  return {
    ttlMs: options.ttlMs,
    signedUrl,
    urlFor: (incidentId, now) => signedUrl(`${PATH}${encodeURIComponent(incidentId)}`, incidentId, now),
    parse(subject, query) {
      const { i, e, s } = query;
      if (typeof i !== 'string' || typeof e !== 'string' || typeof s !== 'string') return undefined;
      if (!TIME.test(i) || !TIME.test(e)) return undefined;
      return { subject, issuedAt: Number(i), expiresAt: Number(e), signature: s.toLowerCase() };
    },
    check(parts, now, revokedAt) {
      if (!SIGNATURE.test(parts.signature)) return 'malformed';
      const expected = Buffer.from(sign(parts.subject, parts.issuedAt, parts.expiresAt), 'hex');
      if (!timingSafeEqual(expected, Buffer.from(parts.signature, 'hex'))) return 'bad_signature';
      if (parts.expiresAt <= now) return 'expired';
      if (revokedAt !== undefined && parts.issuedAt <= revokedAt) return 'revoked';
      return undefined;
    },
  };
}

import { createHash } from 'node:crypto';

/**
 * A 64-bit PostgreSQL advisory lock key for a name, as a decimal string for a `$n::bigint` parameter. Advisory
 * locks are database-wide, so callers put their schema in the name: two Vigies in two schemas never contend.
 */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

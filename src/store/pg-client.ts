import type pg from 'pg';

export interface HeldClient {
  client: pg.PoolClient;
  /** Back to the pool, or closed when `destroy` (a broken connection, or one whose session locks must go). */
  release(destroy?: boolean): void;
}

/**
 * Check a client out of a pool for longer than one query. A pool only listens for errors on idle clients: a
 * checked-out client whose connection drops (server restart, network cut) would raise an unhandled 'error' and end
 * the process. The listener stays while the client is held, and on a destroyed client.
 */
export async function checkout(pool: pg.Pool, onError: (error: Error) => void): Promise<HeldClient> {
  const client = await pool.connect();
  client.on('error', onError);
  let released = false;
  return {
    client,
    release(destroy = false) {
      if (released) return;
      released = true;
      if (!destroy) client.removeListener('error', onError);
      client.release(destroy);
    },
  };
}

/**
 * Run `fn` in one transaction on a connection of its own: committed when it returns, rolled back when it throws.
 * A connection whose rollback failed is closed rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  onError: (error: Error) => void,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const held = await checkout(pool, onError);
  const { client } = held;
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    throw error;
  } finally {
    held.release(broken);
  }
}

interface LockOptions {
  wait: boolean;
  onError: (error: Error) => void;
}

/**
 * Run `fn` holding a session advisory lock on a connection of its own (`fn` gets it, to close it early if it must).
 * With `wait: false`, a lock held by another session means `fn` does not run and the answer is `undefined`. A
 * connection whose lock or unlock failed is closed rather than returned: the server drops its locks with it.
 */
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: string,
  options: LockOptions & { wait: true },
  fn: (held: HeldClient) => Promise<T>,
): Promise<{ value: T }>;
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: string,
  options: LockOptions,
  fn: (held: HeldClient) => Promise<T>,
): Promise<{ value: T } | undefined>;
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: string,
  options: LockOptions,
  fn: (held: HeldClient) => Promise<T>,
): Promise<{ value: T } | undefined> {
  const held = await checkout(pool, options.onError);
  const { client } = held;
  let healthy = false;
  try {
    if (options.wait) {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    } else {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
      if (!rows[0]?.locked) {
        healthy = true;
        return undefined;
      }
    }
    try {
      return { value: await fn(held) };
    } finally {
      healthy = await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).then(
        () => true,
        () => false,
      );
    }
  } finally {
    held.release(!healthy);
  }
}

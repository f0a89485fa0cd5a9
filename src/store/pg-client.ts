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

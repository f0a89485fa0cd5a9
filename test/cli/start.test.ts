import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { startVigie } from '../support/process.js';

describe('vigie start on a busy port', () => {
  let blocker: Server;
  let port: number;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-busy-port-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 1 with what to do when a platform needs the port, and never says it is running', async () => {
    // Teams without an app id listens on 127.0.0.1, where the blocker already is.
    const vigie = startVigie(['start'], { VIGIE_DATA_DIR: dir, PORT: String(port), TEAMS_ENABLED: 'true', LOG_LEVEL: 'silent' });
    const code = await vigie.exited;
    expect(code).toBe(1);
    expect(vigie.stderr()).toContain(`vigie: ${t('en', 'security.http.portBusy', { port, host: '127.0.0.1' })}`);
    expect(vigie.stdout()).not.toMatch(/running/);
  });

  it('still runs the terminal bot in local mode, which needs no HTTP', async () => {
    const vigie = startVigie(['start'], { VIGIE_DATA_DIR: dir, PORT: String(port), VIGIE_HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    await vigie.waitFor(/running in local mode/);
    expect(await vigie.stop()).toBe(0);
  });
});

describe('vigie start with Teams in development mode (no MICROSOFT_APP_ID)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-teams-dev-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to listen on a non-loopback address, with what to do', async () => {
    const vigie = startVigie(['start'], { VIGIE_DATA_DIR: dir, PORT: '0', TEAMS_ENABLED: 'true', VIGIE_HTTP_HOST: '0.0.0.0', LOG_LEVEL: 'silent' });
    expect(await vigie.exited).toBe(1);
    expect(vigie.stderr()).toMatch(/VIGIE_HTTP_HOST: Teams without MICROSOFT_APP_ID accepts unauthenticated requests/);
    expect(vigie.stdout()).not.toMatch(/running/);
  });

  it('listens there when explicitly allowed', async () => {
    const vigie = startVigie(['start'], {
      VIGIE_DATA_DIR: dir,
      PORT: '0',
      TEAMS_ENABLED: 'true',
      VIGIE_HTTP_HOST: '0.0.0.0',
      VIGIE_ALLOW_UNAUTHENTICATED_TEAMS: 'true',
      LOG_LEVEL: 'silent',
    });
    await vigie.waitFor(/Vigie is running with teams on port \d+/);
    expect(await vigie.stop()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, startHarness, type Harness } from './harness.js';

describe('Teams messaging endpoint with production credentials', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ appId: '00000000-0000-0000-0000-000000000001', appPassword: 'not-a-real-secret', tenantId: 'tenant-1' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses an activity without an Authorization header with 401, before any command or outbound call', async () => {
    const res = await h.post(messageActivity('list', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(401);
    expect(h.commands.runs).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  });

  it('answers 400 to a body that is not an activity', async () => {
    const bad = await h.post({ hello: 'world' });
    expect(bad.status).toBe(400);
  });
});

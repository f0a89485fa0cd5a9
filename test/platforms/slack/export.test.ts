import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, incidentFixture, planFixture } from './fixtures.js';
import { bootVigie } from './app.js';
import { type Harness, startHarness } from './harness.js';
import { type Who, postSigned, slashBody } from './wire.js';

const ALICE: Who = { team: 'T1', channel: 'C0COMMS', user: 'U0ALICE' };

describe('/vigie export: the file uploaded into the channel, with a download link', () => {
  let app: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;

  beforeAll(async () => {
    app = await bootVigie(() => T0);
    await app.vigie.store.plans.save(planFixture({ name: 'acme' }));
    await app.vigie.store.incidents.save(incidentFixture());
    harness = await startHarness({ commands: app.vigie.commands, store: app.vigie.store });
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
  });

  it('answers with the row count and a link, then uploads the CSV with files.getUploadURLExternal + completeUploadExternal', async () => {
    const start = harness.fake.calls.length;
    const res = await postSigned(harness.events, slashBody('export acme csv', harness.fake.responseUrl('export'), ALICE));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string };
    expect(body.text).toMatch(/vigie-acme-all-\d{4}-\d\d-\d\d\.csv: \d+ mentions from 1 incident\./);
    expect(body.text).toMatch(/Download \(link valid until .*\): http:\/\/localhost:\d+\/export\/plan\/plan-1\.csv\?i=/);
    await expect.poll(() => harness.fake.calls.slice(start).filter((c) => c.method === 'files.completeUploadExternal').length).toBe(1);
    expect(harness.fake.uploads).toHaveLength(1);
    const calls = harness.fake.calls.slice(start).filter((c) => c.method.startsWith('files.'));
    expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(calls[0]!.args.filename).toMatch(/^vigie-acme-all-.*\.csv$/);
    expect(calls[1]!.args).toMatchObject({ channel_id: 'C0COMMS' });
    const uploaded = harness.fake.uploads[0]!.body.toString('utf8');
    expect(uploaded).toContain('incident_id,published_at,source,author,text,url,language,sentiment,confidence,matched');
    expect(uploaded).toContain('inc-1,');
  });

  it('puts an incident’s export into the incident’s thread', async () => {
    await app.vigie.store.threads.save({ incidentId: 'inc-1', platform: 'slack', ref: { channel: 'C0ALERTS', ts: '1764234000.000100' } });
    const start = harness.fake.calls.length;
    const uploads = harness.fake.uploads.length;
    const res = await postSigned(harness.events, slashBody('export inc-1 jsonl', harness.fake.responseUrl('thread'), ALICE));
    expect(((await res.json()) as { text: string }).text).toMatch(/mentions? from 1 incident/);
    await expect.poll(() => harness.fake.calls.slice(start).filter((c) => c.method === 'files.completeUploadExternal').length).toBe(1);
    expect(harness.fake.uploads).toHaveLength(uploads + 1);
    const complete = harness.fake.calls.slice(start).find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({ channel_id: 'C0ALERTS', thread_ts: '1764234000.000100' });
    expect(harness.fake.uploads.at(-1)!.body.toString('utf8')).toContain('"incident_id":"inc-1"');
  });

  it('refuses an unknown format or target without uploading', async () => {
    const before = harness.fake.uploads.length;
    const bad = await postSigned(harness.events, slashBody('export acme xlsx', harness.fake.responseUrl('bad'), ALICE));
    expect(((await bad.json()) as { text: string }).text).toContain('xlsx');
    const unknown = await postSigned(harness.events, slashBody('export nothing', harness.fake.responseUrl('unknown'), ALICE));
    expect(((await unknown.json()) as { text: string }).text).toContain('No plan or incident named "nothing"');
    expect(harness.fake.uploads.length).toBe(before);
  });
});

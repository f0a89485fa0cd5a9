import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../src/core/alert-view.js';
import { referenceKey } from '../../../src/platforms/teams/inbound.js';
import { serviceUrlTrusted } from '../../../src/platforms/teams/service-url.js';
import { CHANNEL, TENANT, incident, plan } from './fixtures.js';
import { executeActivity, installActivity, messageActivity, startHarness, type Harness } from './harness.js';

describe('which serviceUrl the bot may call', () => {
  it('in production: https on a Bot Framework host only', () => {
    const trusted = [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/teams/',
      'https://europe.webchat.botframework.com/',
      'https://smba.infra.gcc.teams.microsoft.com/gcc/',
      'https://smba.infra.dod.teams.microsoft.us/',
    ];
    const refused = [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evilbotframework.com/',
      'https://user:pw@smba.trafficmanager.net/',
      'http://127.0.0.1:3978/',
      'https://169.254.169.254/latest/meta-data/',
      'not a url',
    ];
    expect(trusted.filter((url) => serviceUrlTrusted(url, true))).toEqual(trusted);
    expect(refused.filter((url) => serviceUrlTrusted(url, true))).toEqual([]);
  });

  it('in development mode (no app id): loopback only', () => {
    const trusted = ['http://127.0.0.1:3978/', 'http://localhost:50000/', 'http://[::1]:8080/'];
    const refused = ['https://smba.trafficmanager.net/emea/', 'http://10.0.0.5:3978/', 'http://169.254.169.254/', 'http://example.com/'];
    expect(trusted.filter((url) => serviceUrlTrusted(url, false))).toEqual(trusted);
    expect(refused.filter((url) => serviceUrlTrusted(url, false))).toEqual([]);
  });
});

describe('development mode refuses activities naming another server', () => {
  let h: Harness;
  let elsewhere: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // A second connector stands for "another server": reachable, but not on the loopback name the bot trusts.
    elsewhere = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    await elsewhere.close();
  });

  it('ignores a message whose serviceUrl is not loopback: no command, no call, no reference kept', async () => {
    const remote = elsewhere.connector.url.replace('127.0.0.1', 'internal-metadata.example');
    const res = await h.post(messageActivity('list', { serviceUrl: remote }));
    expect(res.status).toBe(200);
    expect(h.commands.runs).toEqual([]);
    expect(h.connector.calls).toEqual([]);
    expect(await h.store.installations.list('teams')).toEqual([]);
    const invoke = await h.post(executeActivity('vigie.alert.acknowledge', { incidentId: 'inc-1' }, { serviceUrl: 'http://10.1.2.3:80/' }));
    expect(invoke.status).toBe(400);
    expect(h.commands.actions).toEqual([]);
  });

  it('answers a loopback serviceUrl as before', async () => {
    const res = await h.post(messageActivity('list', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(h.commands.runs.map((r) => r.text)).toEqual(['list']);
  });

  it('does not post an alert through a stored reference that names another server', async () => {
    await h.post(installActivity({ serviceUrl: h.connector.url }));
    const ref = await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL));
    await h.store.installations.save('teams', referenceKey(TENANT, CHANNEL), { ...ref, serviceUrl: 'http://10.9.9.9:3978/' });
    const before = h.connector.calls.length;
    await expect(
      h.runtime.notifier.deliver(
        { kind: 'open', view: buildAlertView(incident(), plan()) },
        { platform: 'teams', workspace: TENANT, channel: CHANNEL },
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'rejected' });
    expect(h.connector.calls.length).toBe(before);
  });
});

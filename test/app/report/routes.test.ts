import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { competitorKey } from '../../../src/core/competitors.js';
import { sourceKey } from '../../../src/core/source-state.js';
import { localReply } from '../../../src/platforms/local/reply.js';
import { listen } from '../../../src/server.js';
import { type FeedServer, startFeedServer } from '../../fakes/feed-server.js';
import { calmThenBurst } from '../../support/burst.js';
import { type TestVigie, testVigie } from '../../support/vigie.js';

const owner: CommandContext = { scope: { platform: 'local', workspace: 'local' }, channel: 'terminal', user: 'amina', locale: 'en' };
const intruder: CommandContext = { ...owner, scope: { platform: 'local', workspace: 'intruder' } };
const KEY = 'r'.repeat(64);

/** The path and query of a report link, asked of this test's own server (the link names the configured address). */
const onServer = (server: Server, link: string): string => {
  const parsed = new URL(link);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${parsed.pathname}${parsed.search}`;
};
const firstLink = (text: string): string => /(https?:\/\/\S+\/report\/\S+)/.exec(text)![1]!;

describe('incident report pages behind signed links', () => {
  let feeds: FeedServer;
  let bot: TestVigie;
  let server: Server;
  let skew = 0;
  let incidentId: string;
  let alertLink: string;

  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
    bot = await testVigie(
      { VIGIE_REPORT_KEY: KEY, VIGIE_PUBLIC_URL: 'https://vigie.example/', VIGIE_REPORT_TTL: '2h' },
      { now: () => Date.now() + skew },
    );
    await bot.watchOnly('acme', 'Acme', owner);
    await bot.say(`source acme rss ${feeds.url}/rss.xml`, owner);
    const plan = (await bot.vigie.store.plans.get(owner.scope, 'acme'))!;
    await bot.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
    await bot.vigie.outbox.flush();
    incidentId = (await bot.vigie.store.incidents.open(plan.id))!.id;
    alertLink = firstLink(bot.printed());
    server = await listen(bot.vigie.http, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.close();
    await feeds.close();
  });

  it('the alert carries a link under VIGIE_PUBLIC_URL that opens the page: figures, chart with data, posts, timeline', async () => {
    expect(bot.printed()).toContain('Report: https://vigie.example/report/');
    expect(alertLink.startsWith(`https://vigie.example/report/${incidentId}?`)).toBe(true);
    const res = await fetch(onServer(server, alertLink));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('Incident report: acme');
    expect(html.match(/data-part="negative"/g)?.length ?? 0).toBeGreaterThan(0);
    expect(html).toContain('Acme lost my luggage again');
    expect(html).toContain('Incident opened');
    expect(html).toContain('@media print');
    expect(html).toContain('Suggested responses');
    // The plan watches no competitor (yet): no share of voice.
    expect(html).not.toContain('Share of voice');
    // Nothing the browser would fetch: no script, no stylesheet or image by URL.
    expect(html).not.toMatch(/<script|<link |src="http|url\(/);
  });

  it('refuses an altered link, another incident under the same signature, and an expired link, with 403', async () => {
    const altered = alertLink.replace(/s=([0-9a-f])/, (_, c: string) => `s=${c === 'a' ? 'b' : 'a'}`);
    expect((await fetch(onServer(server, altered))).status).toBe(403);
    const later = alertLink.replace(/e=(\d+)/, (_, e: string) => `e=${Number(e) + 86_400_000}`);
    expect((await fetch(onServer(server, later))).status).toBe(403);
    const incident = (await bot.vigie.store.incidents.get(incidentId))!;
    await bot.vigie.store.incidents.save({ ...incident, id: 'another-incident', status: 'resolved', resolvedAt: incident.openedAt + 1 });
    const other = alertLink.replace(`/report/${incidentId}?`, '/report/another-incident?');
    const refused = await fetch(onServer(server, other));
    expect(refused.status).toBe(403);
    const refusal = await refused.text();
    expect(refusal).toContain('This report link cannot be opened');
    // The command's placeholder is shown as text, not swallowed by the browser as an unknown tag.
    expect(refusal).toContain('(show &lt;incident&gt;)');
    expect((await fetch(onServer(server, alertLink.replace(/&s=.*/, '')))).status).toBe(403);
    skew = 3 * 3_600_000;
    try {
      expect((await fetch(onServer(server, alertLink))).status).toBe(403);
    } finally {
      skew = 0;
    }
    expect((await fetch(onServer(server, alertLink))).status).toBe(200);
  });

  it('`export` writes the file in local mode and gives a download link that serves the same bytes', async () => {
    const { reply } = await bot.say('export acme csv', owner);
    expect(reply.ok).toBe(true);
    expect(reply.file?.name).toMatch(/^vigie-acme-all-\d{4}-\d\d-\d\d\.csv$/);
    const printed = await localReply(reply, 'en', bot.vigie.settings.reports.exportDir);
    const written = /Written to (\S+)/.exec(printed)![1]!;
    const csv = await readFile(written, 'utf8');
    expect((await stat(written)).mode & 0o777).toBe(0o600);
    expect(csv).toBe(reply.file!.content);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]).toBe('\uFEFFincident_id,published_at,source,author,text,url,language,sentiment,confidence,matched');
    expect(rows[1]).toMatch(new RegExp(`^${incidentId},\\d{4}-.*,rss,user\\d+,.*,https://news\\.example/.*,en,negative,0\\.\\d+,brand$`));

    const download = /Download \(link valid until [^)]*\): (\S+)/.exec(printed)![1]!;
    const res = await fetch(onServer(server, download));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename="${reply.file!.name}"`);
    expect(await res.text()).toBe(csv.replace(/^\uFEFF/, ''));
    expect((await fetch(onServer(server, download.replace('.csv?', '.jsonl?')))).status).toBe(403);

    const one = await bot.say(`export ${incidentId} jsonl`, owner);
    const lines = one.reply.file!.content.trimEnd().split('\n');
    // The plan's export also holds the copy saved as another incident by the test above.
    expect(lines.length).toBe(rows.filter((r) => r.startsWith(`${incidentId},`)).length);
    expect(rows.filter((r) => r.startsWith('another-incident,')).length).toBe(lines.length);
    expect(JSON.parse(lines[0]!)).toMatchObject({ incident_id: incidentId, sentiment: 'negative', matched: 'brand' });
    expect((await bot.say(`export ${incidentId}`, intruder)).reply.ok).toBe(false);
    expect((await bot.say('export acme pdf', owner)).reply.ok).toBe(false);
  });

  it('`show <incident>` gives a new link; `report revoke` ends every link given before it; another workspace sees neither', async () => {
    expect((await bot.say(`show ${incidentId}`, intruder)).text).toContain('There is no plan named');
    expect((await bot.say(`report revoke ${incidentId}`, intruder)).reply.ok).toBe(false);
    expect((await bot.vigie.store.incidents.get(incidentId))!.reportRevokedAt).toBeUndefined();

    const shown = await bot.say(`show ${incidentId}`, owner);
    expect(shown.text).toContain('Incident on acme:');
    const shownLink = firstLink(shown.text);
    expect((await fetch(onServer(server, shownLink))).status).toBe(200);

    const exportLink = /Download \(link valid until [^)]*\): (\S+)/.exec((await bot.say(`export ${incidentId}`, owner)).text)![1]!;
    expect((await fetch(onServer(server, exportLink))).status).toBe(200);
    skew = 1000;
    const revoked = await bot.say(`report revoke ${incidentId}`, owner);
    expect(revoked.text).toContain('revoked');
    expect((await fetch(onServer(server, shownLink))).status).toBe(403);
    expect((await fetch(onServer(server, alertLink))).status).toBe(403);
    expect((await fetch(onServer(server, exportLink))).status).toBe(403);
    skew = 2000;
    const fresh = firstLink((await bot.say(`show ${incidentId}`, owner)).text);
    expect((await fetch(onServer(server, fresh))).status).toBe(200);
    skew = 0;
  });

  it('`history` lists the plan’s incidents with stage, severity and time to acknowledge', async () => {
    await bot.vigie.commands.action(incidentId, 'acknowledge', owner);
    const listed = await bot.say('history acme --since 7d', owner);
    expect(listed.reply.ok).toBe(true);
    expect(listed.text).toContain(`${incidentId}: opened`);
    expect(listed.text).toMatch(/still open, stage \d, severity \w+ \(\d+\), acknowledged after \d+ min/);
    expect((await bot.say('history acme --since soon', owner)).reply.ok).toBe(false);
    expect((await bot.say('history acme --until 7d', owner)).reply.ok).toBe(false);
  });

  it('with competitors, the page gives the share of voice over the incident’s window: the brand beside each competitor', async () => {
    expect((await bot.say('competitor acme Globex', owner)).reply.ok).toBe(true);
    const incident = (await bot.vigie.store.incidents.get(incidentId))!;
    await bot.vigie.store.buckets.add(competitorKey(incident.planId, 'Globex'), [
      { start: incident.openedAt, total: 5, negative: 1, engagement: 0 },
      // Before the incident opened: outside its window.
      { start: incident.openedAt - 3_600_000, total: 50, negative: 50, engagement: 0 },
    ]);
    // Links given before the revocation above are refused: this one is given after it.
    skew = 5000;
    try {
      const brand = (await bot.vigie.store.buckets.range(incident.planId, incident.openedAt, Date.now() + skew)).reduce((n, b) => n + b.total, 0);
      expect(brand).toBeGreaterThan(0);
      const link = firstLink((await bot.say(`show ${incidentId}`, owner)).text);
      const res = await fetch(onServer(server, link));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h2>Share of voice during the incident</h2>');
      expect(html).toContain('<th>Brand or competitor</th><th>Mentions</th><th>Share of all</th><th>Negative share</th>');
      const pct = (n: number): string => `${Math.round((n / (brand + 5)) * 100)}%`;
      expect(html).toMatch(new RegExp(`<tr data-role="brand"><td>Acme \\(brand\\)</td><td>${brand}</td><td>${pct(brand)}</td><td>\\d+%</td></tr>`));
      expect(html).toContain(`<tr data-role="competitor"><td>Globex</td><td>5</td><td>${pct(5)}</td><td>20%</td></tr>`);
    } finally {
      skew = 0;
    }
  });

  it('`used <incident> <n>` in local mode: the page marks that response "Used by … at …" and the timeline has it', async () => {
    // Links given after the revocation of the test above.
    skew = 5000;
    const before = await (await fetch(onServer(server, firstLink((await bot.say(`show ${incidentId}`, owner)).text)))).text();
    expect(before).toContain('<h3>Internal brief</h3>');
    expect(before).not.toContain('data-used=');
    expect(bot.printed()).toContain(`Type \`used ${incidentId} 1\` for the holding statement`);

    expect((await bot.say(`used ${incidentId} 3`, owner)).text).toContain('amina used the internal brief (no. 3)');
    const html = await (await fetch(onServer(server, firstLink((await bot.say(`show ${incidentId}`, owner)).text)))).text();
    expect(html).toMatch(
      /<h3>Internal brief<\/h3>\n<p data-used="brief"><strong>✓ Used by amina at \d{1,2} \w+ \d{4}, \d\d:\d\d[^<]*<\/strong><\/p>/,
    );
    expect(html.match(/data-used=/g)).toHaveLength(1);
    expect(html).toContain('Suggested response used by amina: internal brief');
    // The recorded text is the brief shown on the page: no "as used" copy.
    expect(html).not.toContain('Text as used:');
    skew = 0;
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageDirection } from '../../../src/app/report/page.js';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { sourceKey } from '../../../src/core/source-state.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { listen } from '../../../src/server.js';
import { CHROMIUM, chromiumPresent, launchChromium } from '../../../scripts/pictures/browser.js';
import { type FeedServer, startFeedServer } from '../../fakes/feed-server.js';
import { calmThenBurst } from '../../support/burst.js';
import { type TestVigie, testVigie } from '../../support/vigie.js';

const owner: CommandContext = { scope: { platform: 'local', workspace: 'local' }, channel: 'terminal', user: 'amina', locale: 'en' };

// Chromium is a Debian package, not an npm one: outside CI a clone without it skips this with a message; CI installs it.
const browserPresent = chromiumPresent() || process.env.CI === 'true';
if (!browserPresent)
  console.warn(`[skipped] Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): the report browser test is skipped.`);

describe.skipIf(!browserPresent)('the incident report in a real headless browser', () => {
  let feeds: FeedServer;
  let bot: TestVigie;
  let server: Server;
  let browser: Browser;
  let base: string;
  let link: string;
  let incidentId: string;
  let skew = 0;

  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
    bot = await testVigie({ VIGIE_REPORT_KEY: 'b'.repeat(64), VIGIE_REPORT_TTL: '1h' }, { now: () => Date.now() + skew });
    server = await listen(bot.vigie.http, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await bot.watchOnly('acme', 'Acme', owner);
    await bot.say(`source acme rss ${feeds.url}/rss.xml`, owner);
    const plan = (await bot.vigie.store.plans.get(owner.scope, 'acme'))!;
    await bot.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
    incidentId = (await bot.vigie.store.incidents.open(plan.id))!.id;
    const shown = (await bot.say(`show ${incidentId}`, owner)).text;
    const given = new URL(/(https?:\/\/\S+\/report\/\S+)/.exec(shown)![1]!);
    link = `${base}${given.pathname}${given.search}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.close();
    await feeds.close();
  });

  /** A phone-sized page whose every request is recorded; any request leaving loopback is aborted and kept. */
  async function phonePage() {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const requests: string[] = [];
    const outside: string[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') {
        outside.push(url.href);
        await route.abort();
        return;
      }
      await route.continue();
    });
    const page = await context.newPage();
    page.on('request', (request: Request) => requests.push(request.url()));
    return { context, page, requests, outside };
  }

  it('renders the incident with a chart that has data, fits a phone’s width, and asks nothing of any other host', async () => {
    const { context, page, requests, outside } = await phonePage();
    try {
      const res = await page.goto(link);
      expect(res?.status()).toBe(200);
      await expect(page.title()).resolves.toBe('Incident report: acme');
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
      const bars = await page.locator('figure svg [data-part="negative"]').count();
      expect(bars).toBeGreaterThan(3);
      const tallest = await page
        .locator('figure svg [data-part="negative"]')
        .evaluateAll((rects) => Math.max(...rects.map((r) => Number(r.getAttribute('height')))));
      expect(tallest).toBeGreaterThan(50);
      expect(await page.locator('article.post').count()).toBeGreaterThan(0);
      expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(2);
      const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })')) as {
        scroll: number;
        view: number;
      };
      expect(widths.view).toBe(375);
      expect(widths.scroll).toBeLessThanOrEqual(widths.view);
      const chartWidth = await page.locator('figure svg').evaluate((svg) => svg.getBoundingClientRect().width);
      expect(chartWidth).toBeLessThanOrEqual(375);
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate("getComputedStyle(document.querySelector('footer')).display")).toBe('none');
      expect(requests).toEqual([link]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gets 403 for an altered link, another incident under the same signature, and an expired link', async () => {
    const { context, page, outside } = await phonePage();
    try {
      const altered = link.replace(/s=([0-9a-f])/, (_, c: string) => `s=${c === 'a' ? 'b' : 'a'}`);
      expect((await page.goto(altered))?.status()).toBe(403);
      await expect(page.locator('h1').textContent()).resolves.toBe('This report link cannot be opened');
      const incident = (await bot.vigie.store.incidents.get(incidentId))!;
      await bot.vigie.store.incidents.save({ ...incident, id: 'other-incident', status: 'resolved', resolvedAt: incident.openedAt + 1 });
      expect((await page.goto(link.replace(`/report/${incidentId}?`, '/report/other-incident?')))?.status()).toBe(403);
      skew = 2 * 3_600_000;
      expect((await page.goto(link))?.status()).toBe(403);
      skew = 0;
      expect((await page.goto(link))?.status()).toBe(200);
      expect(outside).toEqual([]);
    } finally {
      skew = 0;
      await context.close();
    }
  });

  it('writes right to left for a right-to-left locale', () => {
    expect(pageDirection('ar' as Locale)).toBe('rtl');
    expect(pageDirection('fr')).toBe('ltr');
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as DomUtils from 'domutils';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/core/plan.js';
import type { ThreadHandle } from '../../src/platforms/notifier.js';
import { PICTURES_DIR, pictureRecord, reportHtml } from '../../scripts/pictures.js';
import { CHROMIUM, chromiumPresent, launchChromium } from '../../scripts/pictures/browser.js';
import { type PictureInputs, pictureInputs, T0 } from '../../scripts/pictures/scenario.js';
import { slackPreviewHtml } from '../../scripts/pictures/slack-preview.js';
import { teamsCardHtml } from '../../scripts/pictures/teams-page.js';
import { type Harness, startHarness, tempStore } from '../platforms/slack/harness.js';
import { RecordingCommands } from '../platforms/slack/recording-commands.js';

const require = createRequire(import.meta.url);
/** Microsoft's Adaptive Cards library: its UMD bundle runs in Node for parsing (rendering needs a browser). */
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

function cardProblems(card: unknown): string[] {
  const context = new AdaptiveCards.SerializationContext();
  new AdaptiveCards.AdaptiveCard().parse(card, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
}

/** Text without its whitespace: line breaks are <br> and blocks are boxes in the preview, not characters. */
const squash = (text: string): string => text.replace(/\s+/g, '');

/** What Slack shows of mrkdwn, read independently of the preview: link labels, date fallbacks, no emphasis marks. */
function shownText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<https?:[^|>]+\|([^>]*)>/g, '$1')
    .replace(/(^|[\s(“"])[*_~]([^*_~\n]+)[*_~]/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const BOT = { botName: 'Vigie', time: '10:00' };

describe('the README pictures', () => {
  let inputs: PictureInputs;
  beforeAll(async () => {
    inputs = await pictureInputs();
  }, 60_000);

  it('come from a replay of the scenario through the live pipeline: the detector opened the incident on the spike', () => {
    expect(inputs.incident.openedAt).toBeGreaterThanOrEqual(T0);
    expect(inputs.incident.openedAt).toBeLessThan(T0 + 30 * 60_000);
    expect(inputs.incident.explanation.observed).toBeGreaterThan(inputs.incident.explanation.expected + 3 * inputs.incident.explanation.spread);
    expect(inputs.incident.sources.map((s) => s.kind)).toEqual(['x', 'reddit', 'gnews', 'petitions']);
    expect(inputs.view.topPosts.length).toBeGreaterThan(0);
    expect(inputs.chart.spikeAt).toBe(inputs.incident.openedAt);
    expect(inputs.chart.timeZone).toBe('Africa/Casablanca');
  });

  describe('Slack', () => {
    let harness: Harness;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const temp = await tempStore();
      cleanup = temp.cleanup;
      harness = await startHarness({ commands: new RecordingCommands(), store: temp.store });
    });
    afterAll(async () => {
      await harness.close();
      await cleanup();
    });

    it('the picture’s message is what the Slack notifier posts, and its chart the PNG it uploads', async () => {
      const destination: Destination = { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' };
      const notifier = harness.adapter.notifier;
      const thread = (await notifier.deliver({ kind: 'open', view: inputs.view }, destination, undefined)) as ThreadHandle;
      await notifier.deliver({ kind: 'chart', view: inputs.view, chart: inputs.chart }, destination, thread);
      const posted = harness.fake.callsOf('chat.postMessage').at(-1)!;
      expect(posted.args.blocks).toEqual(inputs.slack.blocks);
      expect(posted.args.text).toBe(inputs.slack.text);
      expect(harness.fake.uploads.at(-1)!.body.includes(inputs.chartPng)).toBe(true);
    });

    it('the preview shows exactly the text of the blocks (it is our HTML, so this is what keeps it faithful)', () => {
      const document = parseDocument(slackPreviewHtml(inputs.slack, BOT));
      const message = DomUtils.findOne((e) => e.attribs.id === 'message', document.children)!;
      const blocks = inputs.slack.blocks as unknown as Array<Record<string, any>>;
      expect(blocks.length).toBeGreaterThan(3);
      const expected = blocks.flatMap((b): string[] => {
        if (b.type === 'header') return [b.text.text];
        if (b.type === 'section') return [shownText(b.text?.text ?? ''), ...(b.fields ?? []).map((f: { text: string }) => shownText(f.text))];
        if (b.type === 'context') return b.elements.map((e: { text: string }) => shownText(e.text));
        if (b.type === 'actions') return b.elements.map((e: { text: { text: string } }) => e.text.text);
        return [];
      });
      expect(squash(DomUtils.textContent(message))).toBe(squash(['V', 'Vigie', 'APP', '10:00', ...expected].join(' ')));
    });
  });

  it('the Teams card passes Microsoft’s Adaptive Cards parser, which does report what it does not know', () => {
    expect(cardProblems(inputs.teams)).toEqual([]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel3D' }] }).join()).toContain('Carousel3D');
    expect(JSON.stringify(inputs.teams)).toContain(`data:image/png;base64,`);
  });

  it('the committed pictures are current: docs/pictures/inputs.json is what the renderers give now (else run `npm run pictures`)', async () => {
    const committed = JSON.parse(readFileSync(path.join(PICTURES_DIR, 'inputs.json'), 'utf8'));
    expect(committed, 'stale pictures: run `npm run pictures` and commit docs/pictures').toEqual(pictureRecord(inputs, await reportHtml(inputs)));
    for (const name of ['slack-alert.png', 'teams-alert.png', 'chart.png', 'report.png', 'report-phone.png']) {
      const png = readFileSync(path.join(PICTURES_DIR, name));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length, `${name} should stay small`).toBeLessThan(250_000);
    }
  });

  // Chromium is a Debian package, not an npm one: outside CI a clone without it skips this with a message; CI
  // (.ci/run) installs it, so there it always runs.
  const browser = chromiumPresent() || process.env.CI === 'true';
  if (!browser)
    console.warn(`[skipped] Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): the picture browser test is skipped.`);
  it.skipIf(!browser)(
    'draws both pictures in headless Chromium: the card through Microsoft’s renderer with no problem reported',
    async () => {
      const chromium = await launchChromium();
      try {
        const page = await chromium.newPage();
        const errors: Error[] = [];
        page.on('pageerror', (error) => errors.push(error));
        await page.setContent(teamsCardHtml(inputs.teams, BOT));
        await page.waitForFunction('window.cardRendered === true');
        expect(await page.evaluate('window.cardProblems')).toEqual([]);
        const card = page.locator('#card');
        await expect(card.textContent()).resolves.toContain('Negative spike: Air Example');
        expect(await card.locator('button', { hasText: 'Acknowledge' }).count()).toBe(1);
        // The chart is in the card, decoded by the browser at its full size.
        expect(await card.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(480);
        await page.setContent(slackPreviewHtml(inputs.slack, BOT));
        expect((await page.locator('#message').boundingBox())?.height).toBeGreaterThan(300);
        expect(errors).toEqual([]);
      } finally {
        await chromium.close();
      }
    },
    60_000,
  );
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartPng } from '../../../src/chart/png.js';
import { clockTime } from '../../../src/chart/time.js';
import type { Incident } from '../../../src/core/incident/incident.js';
import { translator } from '../../../src/i18n/catalog.js';
import { silentLogger } from '../../../src/log.js';
import { chartSummary } from '../../../src/platforms/local/chart-text.js';
import { createLocalNotifier } from '../../../src/platforms/local/notifier.js';
import { sourceKey } from '../../../src/core/source-state.js';
import { alertView } from '../slack/fixtures.js';
import { chartView } from '../../chart/fixture.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { calmThenBurst } from '../../support/burst.js';
import { testVigie } from '../../support/vigie.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DEST = { platform: 'local' as const, workspace: 'local', channel: 'terminal' };

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { out, text: () => text };
}

describe('the terminal chart', () => {
  it('draws negative and expected on one labelled scale, all mentions on theirs, and marks the incident’s column', () => {
    const chart = chartView('en');
    const lines = chartSummary(chart, translator('en'));
    expect(lines[0]).toBe(chart.title);
    const [negative, expected, total, marker, range] = lines.slice(1);
    // 5 per bucket before, then 20 and 24: the scale is the highest negative count, written beside the line.
    expect(negative).toMatch(/^ {2}negative +▂{24}▇█ {2}scale ▁ 0 … █ 24 per 5 min$/);
    // The expected level (5) is on the same scale: as low as the calm bars, not a full-height line.
    expect(expected).toMatch(/^ {2}expected negatives +▂{26} {2}same scale as negative$/);
    expect(total).toMatch(/scale ▁ 0 … █ \d+ per 5 min$/);
    expect(marker!.indexOf('^')).toBe(negative!.indexOf('▇'));
    expect(marker).toContain('incident start, 09:00');
    expect(range).toContain('27 Nov 07:00 → 09:10 (UTC)');
  });

  it('merges columns beyond 60, saying so in the scale', () => {
    const chart = chartView('fr', 'Acme', 8 * 3_600_000);
    expect(chart.buckets.length).toBeGreaterThan(60);
    const lines = chartSummary(chart, translator('fr'));
    const bars = lines[1]!.match(/[▁▂▃▄▅▆▇█]+/)![0];
    expect(bars.length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/échelle ▁ 0 … █ \d+ par \d+ (min|h)$/);
  });
});

describe('the local notifier’s chart image', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-local-chart-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the PNG as <incident>.png in the chart folder and prints its path under the sparklines', async () => {
    const { out, text } = capture();
    const charts = path.join(dir, 'charts');
    const notifier = createLocalNotifier(out, { dir: charts, render: renderChartPng, logger: silentLogger });
    await notifier.deliver({ kind: 'chart', view: alertView(), chart: chartView('en') }, DEST, { incident: 'inc-1' });
    const file = path.join(charts, 'inc-1.png');
    expect(text()).toContain(`│ Chart: ${file}\n`);
    expect(text()).toContain('scale ▁ 0 … █ 24 per 5 min');
    expect(readFileSync(file).subarray(0, 8)).toEqual(PNG_MAGIC);
  });

  it('says when the image cannot be written, prints the sparklines all the same, and keeps going', async () => {
    const { out, text } = capture();
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the chart folder should be');
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (message: string, fields?: unknown) => errors.push({ message, fields }) };
    const notifier = createLocalNotifier(out, { dir: blocked, render: renderChartPng, logger });
    const handle = await notifier.deliver({ kind: 'chart', view: alertView(), chart: chartView('en') }, DEST, { incident: 'inc-1' });
    expect(handle).toEqual({ incident: 'inc-1' });
    expect(text()).toContain('The chart image could not be written (');
    expect(text()).toContain('same scale as negative');
    expect(errors).toHaveLength(1);
  });
});

describe('a local-mode incident, end to end', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
  });
  afterAll(() => feeds.close());

  it('prints the chart’s path in the thread, and the file beside the data is the chart of that incident', async () => {
    const bot = await testVigie({});
    try {
      await bot.watchOnly('acme', 'Acme');
      await bot.say(`source acme rss ${feeds.url}/rss.xml`);
      const plan = (await bot.vigie.store.plans.get(bot.vigie.localContext().scope, 'acme'))!;
      await bot.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
      await bot.vigie.outbox.flush();
      const incident = (await bot.vigie.store.incidents.open(plan.id)) as Incident;
      const file = path.join(bot.dataDir, 'charts', `${incident.id}.png`);
      expect(bot.printed()).toContain(`Chart: ${file}`);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file).subarray(0, 8)).toEqual(PNG_MAGIC);
      // The sparklines mark the bucket that opened it, and start two hours (24 buckets of 5 min) before it.
      expect(bot.printed()).toContain(`incident start, ${clockTime(incident.openedAt, 'UTC')}`);
      const negative = bot.printed().match(/ {2}negative +([▁▂▃▄▅▆▇█]+) {2}scale/)![1]!;
      const marker = bot
        .printed()
        .split('\n')
        .find((l) => l.includes('^ incident start'))!;
      expect(
        marker.indexOf('^') -
          bot
            .printed()
            .split('\n')
            .find((l) => l.includes(negative))!
            .indexOf(negative),
      ).toBeGreaterThanOrEqual(24);
    } finally {
      await bot.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartSvg } from '../src/chart/svg.js';
import { clockTime } from '../src/chart/time.js';
import { renderReportPage } from '../src/app/report/page.js';
import { reportData } from '../src/app/report/report-data.js';
import type { AdaptiveCard } from '../src/platforms/teams/card-kit.js';
import { launchChromium } from './pictures/browser.js';
import { type PictureInputs, pictureInputs } from './pictures/scenario.js';
import { slackPreviewHtml } from './pictures/slack-preview.js';
import { teamsCardHtml } from './pictures/teams-page.js';

/**
 * `npm run pictures`: the README's pictures of an alert, from the bot's real output. A scenario is replayed
 * through the live pipeline (scripts/pictures/scenario.ts); the Slack notifier's parent message is drawn as a
 * preview of its Block Kit (our HTML, not Slack's), the Teams notifier's card by Microsoft's Adaptive Cards
 * renderer in headless Chromium, and the chart is the PNG the Slack notifier uploads. Writes docs/pictures/, with
 * inputs.json: what the pictures show, which test/scripts/pictures.test.ts compares with the renderers' output now.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PICTURES_DIR = path.join(ROOT, 'docs/pictures');
const BOT = 'Vigie';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The card without the bytes of its inline chart (they depend on the PNG encoder), which the SVG's hash stands for. */
function cardWithoutImageBytes(card: AdaptiveCard): unknown {
  return JSON.parse(JSON.stringify(card).replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, 'data:image/png;base64,<the chart>'));
}

/** What the pictures show, in a form that is the same on every machine: for the test that they are not stale. */
export function pictureRecord(inputs: PictureInputs, report: string): unknown {
  return {
    slack: inputs.slack,
    teams: cardWithoutImageBytes(inputs.teams),
    chartSvgSha256: sha256(renderChartSvg(inputs.chart)),
    reportHtmlSha256: sha256(report),
  };
}

/** The report page of the pictured incident, as `GET /report/<incident>` renders it (a link issued at the picture's time). */
export async function reportHtml(inputs: PictureInputs): Promise<string> {
  const data = await reportData(inputs.incident, inputs.plan, { chart: inputs.chart }, inputs.chart.timeZone);
  return renderReportPage(data, { generatedAt: inputs.chart.to, expiresAt: inputs.chart.to + 7 * 86_400_000 });
}

async function main(): Promise<void> {
  const inputs = await pictureInputs();
  await mkdir(PICTURES_DIR, { recursive: true });
  const time = clockTime(inputs.chart.to, inputs.chart.timeZone);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ timezoneId: inputs.chart.timeZone, locale: 'en-GB', viewport: { width: 900, height: 600 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });

    await page.setContent(slackPreviewHtml(inputs.slack, { botName: BOT, time }));
    await page.locator('#message').screenshot({ path: path.join(PICTURES_DIR, 'slack-alert.png') });

    await page.setContent(teamsCardHtml(inputs.teams, { botName: BOT, time }));
    await page.waitForFunction('window.cardRendered === true');
    const problems = (await page.evaluate('window.cardProblems')) as string[];
    if (problems.length > 0) throw new Error(`the Adaptive Cards renderer reported: ${problems.join('; ')}`);
    await page.locator('#post').screenshot({ path: path.join(PICTURES_DIR, 'teams-alert.png') });

    // The incident's report page as the browser shows it, wide and on a phone: the HTML Vigie serves for it.
    const html = await reportHtml(inputs);
    for (const [file, viewport] of [
      ['report.png', { width: 1000, height: 1500 }],
      ['report-phone.png', { width: 390, height: 844 }],
    ] as const) {
      const report = await browser.newContext({ timezoneId: inputs.chart.timeZone, locale: 'en-GB', viewport, deviceScaleFactor: 1 });
      const reportPage = await report.newPage();
      await reportPage.setContent(html);
      await reportPage.screenshot({ path: path.join(PICTURES_DIR, file) });
      await report.close();
    }
  } finally {
    await browser.close();
  }
  await writeFile(path.join(PICTURES_DIR, 'chart.png'), inputs.chartPng);
  await writeFile(path.join(PICTURES_DIR, 'inputs.json'), `${JSON.stringify(pictureRecord(inputs, await reportHtml(inputs)), null, 2)}\n`);
  process.stdout.write(
    `pictures: ${path.relative(process.cwd(), PICTURES_DIR)}/{slack-alert,teams-alert,chart,report,report-phone}.png and inputs.json\n`,
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`pictures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

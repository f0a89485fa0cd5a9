import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { ChartView } from '../../core/alert-view.js';
import type { Destination } from '../../core/plan.js';
import { translator } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import type { AlertMessage, Notifier, ThreadHandle } from '../notifier.js';
import { digestLines } from '../digest-text.js';
import { renderLocal } from './render.js';

export interface LocalChartOptions {
  /** Where chart images go, one `<incident>.png` each (`$VIGIE_DATA_DIR/charts`). */
  dir: string;
  /** The PNG of a chart: the same as Slack uploads. */
  render(chart: ChartView): Promise<Buffer>;
  logger: Logger;
}

/**
 * Local mode: alerts and their thread replies printed on the terminal. With `charts`, a chart reply also writes the
 * chart as a PNG beside the data and prints its path; a chart that cannot be written is said so, and the sparklines
 * are printed all the same.
 */
export function createLocalNotifier(out: Writable, charts?: LocalChartOptions): Notifier {
  const writeChart = async (message: Extract<AlertMessage, { kind: 'chart' }>): Promise<string> => {
    if (!charts) return '';
    const t = translator(message.view.locale);
    const file = path.join(charts.dir, `${message.view.incidentId.replace(/[^\w-]/g, '_')}.png`);
    try {
      const png = await charts.render(message.chart);
      await mkdir(charts.dir, { recursive: true });
      await writeFile(file, png);
      return `     │ ${t('alert.chart.file', { path: file })}\n`;
    } catch (error) {
      charts.logger.error('local: chart image not written', { incident: message.view.incidentId, file, error });
      return `     │ ${t('alert.chart.fileFailed', { reason: error instanceof Error ? error.message : String(error) })}\n`;
    }
  };

  return {
    platform: 'local',
    async deliver(message: AlertMessage, _destination: Destination, thread: ThreadHandle | undefined): Promise<ThreadHandle | undefined> {
      const locale = message.view.locale;
      const chartLine = message.kind === 'chart' ? await writeChart(message) : '';
      out.write(`${renderLocal(message, translator(locale), locale).join('\n')}\n${chartLine}`);
      if (message.kind === 'open' || message.kind === 'competitor') return { incident: message.view.incidentId };
      return thread;
    },
    async postDigest(digest) {
      const [title, ...rest] = digestLines(digest, translator(digest.locale));
      out.write(`📰 ${title}\n${rest.map((l) => `   ${l}`).join('\n')}\n`);
    },
  };
}

/**
 * `npm run bench:long-line`: how long `vigie categorize` and `vigie classify` take on one 7 MB JSON line, which they
 * skip unread (MAX_LINE_CHARS), and how much memory the process grows by. Before the cap: about 30 s and 500 MB.
 */
import { PassThrough, Readable } from 'node:stream';
import { categorize } from '../src/cli/categorize.js';
import { classifyWith } from '../src/cli/classify.js';
import type { Subcommand } from '../src/cli/io.js';

const LINE = `${JSON.stringify({ text: `refund ${'a'.repeat(7 * 1024 * 1024)}` })}\n{"text":"they lost my bag"}\n`;
// The classifier is not what is measured: a line over the cap never reaches it.
const classify = classifyWith(() => ({ classify: () => ({ label: 'neutral', confidence: 1, lang: 'en' }) }));

async function measure(name: string, command: Subcommand): Promise<void> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const stdout = new PassThrough().resume();
  const stderr = new PassThrough().resume();
  const code = await command([], { stdin: Readable.from([LINE]), stdout, stderr });
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${name.padEnd(11)} exit ${code}, ${ms.toFixed(0)} ms, RSS +${((peak - before) / 2 ** 20).toFixed(0)} MiB (line of ${(LINE.length / 2 ** 20).toFixed(1)} MiB)`,
  );
}

await measure('categorize', categorize);
await measure('classify', classify);

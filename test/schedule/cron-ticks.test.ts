import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { cronLogger } from '../../src/schedule/cron-ticks.js';

function captured(level: 'debug' | 'info') {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return {
    logger: cronLogger(createLogger({ level, stream })),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe("node-cron's messages", () => {
  it('keeps overlap warnings out of the info log, and errors as errors with their cause', () => {
    const info = captured('info');
    info.logger.warn('task still running, new execution blocked by overlap prevention!');
    info.logger.error('Task failed with error!', new Error('boom'));
    expect(info.lines()).toEqual([expect.objectContaining({ level: 'error', msg: 'node-cron: Task failed with error!' })]);
    expect(JSON.stringify(info.lines()[0])).toContain('boom');

    const debug = captured('debug');
    debug.logger.warn('task still running, new execution blocked by overlap prevention!');
    expect(debug.lines()).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'node-cron: task still running, new execution blocked by overlap prevention!' }),
    ]);
  });
});

import type { Writable } from 'node:stream';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

/** Structured JSON logs, one object per line, with context fields (plan, source, incident ids). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// Field names that may carry a secret: their values never reach a log line, whoever passes them.
const SECRET_FIELD = /token|secret|password|authorization|api_?key|cookie/i;

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}) };
  }
  return value;
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_FIELD.test(key) ? '[redacted]' : serialise(value);
  return out;
}

export function createLogger(options: { level: LogLevel; stream: Writable; bindings?: LogFields }): Logger {
  const threshold = RANK[options.level];
  const bindings = options.bindings ?? {};
  const write = (level: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}): void => {
    if (RANK[level] < threshold) return;
    const line = { time: new Date().toISOString(), level, msg, ...redact(bindings), ...redact(fields) };
    options.stream.write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger({ ...options, bindings: { ...bindings, ...fields } }),
  };
}

/** For tests and for subcommands that must keep stdout clean. */
export const silentLogger: Logger = createLogger({ level: 'silent', stream: process.stderr });

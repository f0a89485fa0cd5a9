import type { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

/**
 * Structured logs with context fields (plan, source, incident, poll and request ids), message first so that a call
 * reads like a sentence. Backed by pino: JSON lines, or pretty text when the stream is a terminal.
 */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Names under which a secret can travel: a setting handed to a platform SDK, an HTTP header, an error that carries
 * the request it failed on (an axios error from Slack's Web API keeps its `config.headers`). Any field with one of
 * these names is replaced, at the top of a line, one or two levels down, and inside a logged error's request.
 */
const SECRET_NAMES = [
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'bearerToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'appPassword',
  'password',
  'apiKey',
  'api_key',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'secret',
  'reportKey',
];
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_NAMES,
  ...SECRET_NAMES.map((name) => `*.${name}`),
  ...SECRET_NAMES.map((name) => `*.*.${name}`),
  ...SECRET_NAMES.map((name) => `error.config.headers.${name}`),
  ...SECRET_NAMES.map((name) => `error.cause.config.headers.${name}`),
  'error.config.data',
  'error.request',
  'error.response.config',
  'error.response.request',
];

export function createLogger(options: { level: LogLevel; stream: Writable & { isTTY?: boolean }; bindings?: LogFields }): Logger {
  const destination = options.stream.isTTY ? pretty({ destination: options.stream, colorize: true, sync: true }) : options.stream;
  const base = pino(
    {
      level: options.level,
      base: null,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors keep their stack, their code and their cause chain, whatever field they are logged under.
      serializers: { error: pino.stdSerializers.errWithCause, err: pino.stdSerializers.errWithCause },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    destination,
  );
  return wrap(options.bindings ? base.child(options.bindings) : base);
}

function wrap(log: pino.Logger): Logger {
  return {
    debug: (msg, fields) => log.debug(fields ?? {}, msg),
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
    child: (fields) => wrap(log.child(fields)),
  };
}

/** For tests and for subcommands that must keep stdout clean. */
export const silentLogger: Logger = wrap(pino({ level: 'silent' }));

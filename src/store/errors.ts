import type { MessageKey, Params } from '../i18n/catalog.js';

export type StoreErrorCode = 'unreadable' | 'unsupported_version' | 'invalid_data' | 'duplicate_name' | 'unavailable' | 'not_empty' | 'locked';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** What the user reads, from the catalogue, in their language; `message` is the English of logs. */
  readonly say: { key: MessageKey; params?: Params } | undefined;
  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown; say?: { key: MessageKey; params?: Params } } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.say = options.say;
  }
}

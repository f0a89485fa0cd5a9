export type StoreErrorCode = 'unreadable' | 'unsupported_version' | 'invalid_data' | 'duplicate_name' | 'unavailable' | 'not_empty';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

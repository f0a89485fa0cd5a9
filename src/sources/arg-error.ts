import type { SourceKind } from '../core/mention.js';
import { t } from '../i18n/catalog.js';
import type { MessageKey, Params } from '../i18n/catalog.js';
import { SourceError } from '../core/source-error.js';

/** A refused `source` argument: the log gets the English words, the user the catalogue's words in their language. */
export function argError(key: MessageKey, params: Params = {}): SourceError {
  return new SourceError('invalid_argument', t('en', key, params), { text: { key, params } });
}

/** `normaliseArg` of a kind that searches the plan's own query: any argument is refused. */
export function noArgument(kind: SourceKind): (arg: string | undefined) => undefined {
  return (arg) => {
    if (arg !== undefined) throw argError('src.arg.none', { kind });
    return undefined;
  };
}

import { t } from '../i18n/catalog.js';
import type { MessageKey, Params } from '../i18n/catalog.js';
import { SourceError } from './source.js';

/** A refused `source` argument: the log gets the English words, the user the catalogue's words in their language. */
export function argError(key: MessageKey, params: Params = {}): SourceError {
  return new SourceError('invalid_argument', t('en', key, params), { text: { key, params } });
}

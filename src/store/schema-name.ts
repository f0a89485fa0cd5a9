import { StoreError } from './errors.js';

/** A schema name is spliced into SQL (identifiers cannot be parameters): plain lower-case identifiers only. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'invalid_data',
      `The database schema name "${schema}" is not valid: use lower-case letters, digits and "_" (at most 63), starting with a letter.`,
    );
  }
  return schema;
}

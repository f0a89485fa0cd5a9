import { ALERT_ACTIONS, type AlertAction } from '../../core/alert-view.js';
import { type Aliases, foldWord } from '../../core/commands/aliases.js';
import { COMMAND_NAMES } from '../../core/commands/grammar.js';
import { SETTABLE_FIELDS, type SettableField } from '../../core/commands/plan-edits.js';
import type { CommandName } from '../../core/commands/types.js';
import { everyLocale, type MessageKey } from '../../i18n/catalog.js';

/** The `set` values that have words of their own in each language (the others are codes, times, ids). */
const FIELD_VALUES = {
  sensitivity: ['low', 'normal', 'high'],
  languages: ['all'],
  quiet: ['off'],
  escalation: ['none'],
} as const satisfies Partial<Record<SettableField, readonly string[]>>;

/** Every word of every locale for `key`, folded: the catalogue holds comma-separated lists. */
function words(key: MessageKey): string[] {
  return everyLocale(key).flatMap((entry) => entry.split(',').map(foldWord).filter(Boolean));
}

function table<T extends string>(names: readonly T[], keyOf: (name: T) => MessageKey): Map<string, T> {
  const map = new Map<string, T>();
  for (const name of names) for (const word of words(keyOf(name))) map.set(word, name);
  return map;
}

/**
 * The alias tables of every language in the catalogue (src/i18n/sections/aliases.ts): a language added there is
 * understood here without a change.
 */
export function catalogueAliases(): Aliases {
  const values = new Map<SettableField, Map<string, string>>();
  for (const [field, canonical] of Object.entries(FIELD_VALUES) as Array<[keyof typeof FIELD_VALUES, readonly string[]]>) {
    values.set(
      field,
      table(canonical, (value) => `alias.value.${field}.${value}` as MessageKey),
    );
  }
  return {
    commands: table<CommandName>(COMMAND_NAMES, (name) => `alias.command.${name}`),
    fields: table<SettableField>(SETTABLE_FIELDS, (field) => `alias.field.${field}`),
    values,
    buttons: table<AlertAction>(ALERT_ACTIONS, (action) => `alias.button.${action}`),
  };
}

export const ALIASES: Aliases = catalogueAliases();

import type { AlertAction } from '../alert-view.js';
import type { SettableField } from './plan-edits.js';
import type { CommandName } from './types.js';

/**
 * The words of every language for the commands, the `set` fields, some of their values and the alert buttons, each
 * mapped to its one canonical name. Built from the catalogue by the application; the parser only looks words up.
 */
export interface Aliases {
  commands: ReadonlyMap<string, CommandName>;
  fields: ReadonlyMap<string, SettableField>;
  /** Whole values of a field (`haute` → `high`, `toutes` → `all`). */
  values: ReadonlyMap<SettableField, ReadonlyMap<string, string>>;
  buttons: ReadonlyMap<string, AlertAction>;
}

export const NO_ALIASES: Aliases = { commands: new Map(), fields: new Map(), values: new Map(), buttons: new Map() };

/** How a typed word is compared: lower case, without accents (`Sensibilité`, `sensibilite`). */
export function foldWord(word: string): string {
  return word.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

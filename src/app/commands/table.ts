import type { CommandName } from '../../core/commands/types.js';
import type { Handler } from './handler.js';
import { help } from './help.js';
import { act, used } from './incidents.js';
import { correct } from './corrections.js';
import { list, pause, planForm, remove, resume, show, watch } from './plans.js';
import { editBrandTerms, setOtherQuery } from './queries.js';
import { exportMentions } from './exports.js';
import { history, report } from './reports.js';
import { set } from './settings.js';
import { suggest } from './suggest.js';
import { editSources, status, test } from './sources.js';

/** Which handler answers which command: a lookup, checked by the compiler against the grammar's command names. */
export const HANDLERS: { readonly [N in CommandName]: Handler<N> } = {
  help,
  watch,
  add: editBrandTerms,
  exclude: editBrandTerms,
  competitor: setOtherQuery,
  news: setOtherQuery,
  source: editSources,
  unsource: editSources,
  set,
  plan: planForm,
  list,
  show,
  pause,
  resume,
  remove,
  test,
  suggest,
  status,
  act,
  correct,
  history,
  export: exportMentions,
  report,
  used,
};

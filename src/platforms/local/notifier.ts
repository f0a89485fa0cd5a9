import type { Writable } from 'node:stream';
import { translator } from '../../i18n/catalog.js';
import type { Destination } from '../../core/plan.js';
import type { AlertMessage, Notifier, ThreadHandle } from '../notifier.js';
import { renderLocal } from './render.js';

/** Local mode: alerts and their thread replies printed on the terminal. */
export function createLocalNotifier(out: Writable): Notifier {
  return {
    platform: 'local',
    async deliver(message: AlertMessage, _destination: Destination, thread: ThreadHandle | undefined): Promise<ThreadHandle | undefined> {
      const locale = message.view.locale;
      out.write(`${renderLocal(message, translator(locale), locale).join('\n')}\n`);
      if (message.kind === 'open') return { incident: message.view.incidentId };
      return thread;
    },
  };
}

import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import { buildSuggestion, prepareSuggestion } from '../core/respond/drafts.js';
import type { Suggestion } from '../core/respond/types.js';
import type { Playbooks } from '../drafting/playbook-files.js';
import { polishSuggestion } from '../drafting/llm.js';
import type { PolishOptions } from '../drafting/llm.js';
import type { OutboxItem } from '../core/outbox-item.js';
import type { Logger } from '../log.js';
import type { AlertQueue } from './alerts.js';
import { planTimeZone } from '../core/time-zone.js';

/**
 * Suggested responses: the template drafts from the plan's playbook, and — when an LLM is configured — a
 * reworded version added to the thread later. The template always goes first, so a slow or failing model never
 * delays an alert.
 */
export function createSuggestions(deps: {
  /** The playbooks, read once when first needed. */
  playbooks: () => Promise<Playbooks>;
  llm: Omit<PolishOptions, 'forbidden' | 'logger'>;
  alerts: AlertQueue;
  now(): number;
  /** The zone of plans without their own (`VIGIE_TIMEZONE`). */
  timeZone: string;
  logger: Logger;
}) {
  const playbookOf = async (plan: Plan) => (await deps.playbooks())[plan.locale].playbook;
  const options = (plan: Plan) => ({ now: deps.now(), timeZone: planTimeZone(plan, deps.timeZone) });
  const enabled = Boolean(deps.llm.baseUrl && deps.llm.model);

  return {
    async suggest(incident: Incident, plan: Plan): Promise<Suggestion> {
      return buildSuggestion(incident, plan, await playbookOf(plan), options(plan));
    },
    /** After the template drafts are posted, ask the model for a reworded version and queue it if it passes. */
    afterDelivered(item: OutboxItem, incident: Incident, plan: Plan): void {
      if (!enabled || item.kind !== 'suggestions' || item.payload.suggestion !== undefined) return;
      void playbookOf(plan)
        .then((playbook) => {
          const { suggestion: template, facts } = prepareSuggestion(incident, plan, playbook, options(plan));
          return polishSuggestion(template, facts, { ...deps.llm, forbidden: playbook.forbidden, logger: deps.logger });
        })
        .then(async (polished) => {
          if (polished) await deps.alerts.enqueue(plan, incident, 'suggestions', deps.now(), { suggestion: polished });
        })
        .catch((error: unknown) => deps.logger.warn('LLM polish failed, template drafts kept', { planId: plan.id, incidentId: incident.id, error }));
    },
  };
}

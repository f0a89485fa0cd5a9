import type { QueryValidator } from '../../core/commands/plan-edits.js';
import type { SourceKind } from '../../core/mention.js';
import type { Plan, SourceSpec } from '../../core/plan.js';
import type { Nested } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { TermTally } from '../../core/keywords.js';
import type { FeedbackSummary } from '../feedback-summary.js';
import type { IncidentActions } from '../incident-actions.js';
import type { Corrections } from '../corrections.js';
import type { ProbeReport } from '../probe.js';
import type { StatusReport } from '../status.js';

/** What the commands need from the rest of the application. */
export interface CommandDeps {
  store: Store;
  validateQuery: QueryValidator;
  sources: {
    kinds(): SourceKind[];
    /** Normalised argument, or the reason it is refused. */
    checkArg(kind: SourceKind, arg: string | undefined): { ok: true; arg: string | undefined } | { ok: false; reason: Nested };
    missingSettings(kind: SourceKind): string[];
    defaultsFor(plan: Plan): SourceSpec[];
  };
  probe(plan: Plan): Promise<ProbeReport>;
  status(plans: Plan[]): Promise<StatusReport>;
  incidents: IncidentActions;
  corrections: Corrections;
  feedbackSummary(plan: Plan): Promise<FeedbackSummary | undefined>;
  /** A plan's daily word counts of its matched mentions (`suggest`). */
  termTally(planId: string): Promise<TermTally | undefined>;
  /** Called after a plan changes or goes, so that cached views of it (compiled queries) are dropped. */
  plansChanged(planId: string): void;
  /** A new signed link to an incident's report page, and when it expires. */
  reportLink(incidentId: string): { url: string; expiresAt: number };
  /** A new signed download link of an export (an incident's mentions, or a plan's). */
  exportLink(scope: 'incident' | 'plan', id: string, format: 'csv' | 'jsonl'): { url: string; expiresAt: number };
  now(): number;
  /** The zone of plans without their own (`VIGIE_TIMEZONE`): replies show times in the plan's zone. */
  timeZone: string;
  newId(): string;
  logger: Logger;
}

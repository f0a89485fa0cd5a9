import { z } from 'zod';
import type { MessageKey, Params } from '../../i18n/catalog.js';
import type { AlertAction } from '../alert-view.js';
import type { DraftKind } from '../incident/incident.js';
import type { Plan, Scope } from '../plan.js';
import type { Locale } from '../../i18n/locale.js';
import { SensitivitySchema } from '../plan.js';
import { LocaleSchema } from '../../i18n/locale.js';
import { SourceKindSchema } from '../mention.js';

/** The arguments of each command, by name. */
export interface CommandArgs {
  help: Record<never, never>;
  watch: { plan: string; query: string };
  add: { plan: string; terms: string[] };
  exclude: { plan: string; terms: string[] };
  competitor: { plan: string; query: string };
  news: { plan: string; query: string };
  source: { plan: string; kind: string; arg?: string };
  unsource: { plan: string; kind: string; arg?: string };
  set: { plan: string; field: string; value: string };
  plan: { plan?: string };
  list: Record<never, never>;
  /** A plan, or an incident by its id (with a new report link). */
  show: { plan: string };
  pause: { plan: string };
  resume: { plan: string };
  remove: { plan: string };
  test: { plan: string };
  /** Keyword suggestions from the last `days` days (default 7). */
  suggest: { plan: string; days?: number };
  status: Record<never, never>;
  /** An alert button typed as text (local mode, or a client without buttons). */
  act: { incident: string; action: string };
  /** Mark an evidence post's sentiment as wrong: its reference (or mention id) and the right label. */
  correct: { post: string; label: string };
  /** Past incidents of a plan; `since` as typed (`30d`), checked by the handler. */
  history: { plan: string; since?: string };
  /** The mentions behind an incident, or behind every stored incident of a plan, as a file. */
  export: { target: string; format: string };
  /** `report revoke <incident>`: every report link given until now stops working. */
  report: { action: string; incident: string };
  /** `used <incident> <n>`: the team used suggested response n (1 holding statement, 2 reply, 3 brief); checked by the handler. */
  used: { incident: string; draft: string };
}

export type CommandName = keyof CommandArgs;

/** One parsed command of a given name (or of any of several names). */
export type CommandOf<N extends CommandName> = { name: N } & CommandArgs[N];

/** A parsed command: the same for Slack's `/vigie`, a Teams mention and a line on stdin. */
export type Command = { [N in CommandName]: CommandOf<N> }[CommandName];

/** One line of a reply: a catalogue key and its parameters. Adapters render the words. */
export interface ReplyLine {
  key: MessageKey;
  params?: Params;
}

/** A file a reply carries (an export): Slack uploads it, local mode writes it, Teams shows its download link. */
export interface ReplyFile {
  name: string;
  contentType: string;
  content: string;
  /** The incident it is about: Slack posts it into that incident's thread. */
  incidentId?: string;
  /** Its signed download link (Teams shows it as a card button, a bot cannot post a file in a channel). */
  url?: string;
}

export interface Reply {
  ok: boolean;
  lines: ReplyLine[];
  /**
   * Commands the user may run with one click (Slack buttons, Teams Action.Submit); each is also among the lines as
   * text, for the terminal and clients without buttons.
   */
  choices?: Array<{ label: ReplyLine; command: string }>;
  /** The language to say it in, when it is not the caller's: in local mode, the locale of the plan the command is about. */
  locale?: Locale;
  file?: ReplyFile;
}

/** Who typed the command, where. */
export interface CommandContext {
  scope: Scope;
  /** Channel or conversation where the command was typed: plans created here alert here. */
  channel: string;
  user: string;
  locale: Locale;
  /** The typist's IANA time zone when the platform says it (Teams): a plan created here takes it. */
  timeZone?: string;
}

/** The plan form of the Slack modal and the Teams card: strategy first, then tools. */
export const PlanFormSchema = z.object({
  name: z.string(),
  brand: z.string(),
  news: z.string().optional(),
  competitors: z.string().optional(),
  kinds: z.array(SourceKindSchema),
  /** One feed URL per line. */
  feeds: z.string().optional(),
  languages: z.array(z.string()),
  locale: LocaleSchema.optional(),
  sensitivity: SensitivitySchema,
  channel: z.string().optional(),
  escalation: z.array(z.string()),
  quietStart: z.string().optional(),
  quietEnd: z.string().optional(),
  timeZone: z.string().optional(),
});
export type PlanForm = z.infer<typeof PlanFormSchema>;
export type PlanFormField = keyof PlanForm;

export type PlanFormResult = { ok: true; plan: Plan; created: boolean } | { ok: false; errors: Partial<Record<PlanFormField, ReplyLine>> };

/** What platforms call. Implemented in `app/commands.ts` on the store and the pipeline. */
export interface CommandService {
  run(text: string, ctx: CommandContext): Promise<Reply>;
  /** Commands that may take longer than a platform's acknowledgement window (a `test` poll). */
  isSlow(text: string): boolean;
  /** A button on an alert. Refused unless the incident's plan belongs to `ctx.scope`. */
  action(incidentId: string, action: AlertAction, ctx: CommandContext): Promise<Reply>;
  /** A "Mark as used" button under a suggested response, with the draft's text as shown. Same scope check as `action`. */
  useDraft(incidentId: string, draft: DraftKind, ctx: CommandContext, shown?: string): Promise<Reply>;
  /** Submit of the plan modal/card: field errors come back per field, nothing is lost. */
  submitPlanForm(form: PlanForm, ctx: CommandContext): Promise<PlanFormResult>;
  /** The form pre-filled from an existing plan (or blank for a new one). */
  planForm(name: string | undefined, ctx: CommandContext): Promise<PlanForm>;
}

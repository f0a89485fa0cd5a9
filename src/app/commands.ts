import type { Nested } from '../i18n/catalog.js';
import { SourceKindSchema } from '../core/mention.js';
import type { SourceKind } from '../core/mention.js';
import { PlanNameSchema, QUERY_ROLES } from '../core/plan.js';
import type { Plan, SourceSpec } from '../core/plan.js';
import { CommandParseError, isSlowCommand, parseCommand } from '../core/commands/parse.js';
import {
  SETTABLE_FIELDS,
  describeSource,
  newPlan,
  sameSource,
  setField,
  touched,
  withAddedTerms,
  withExcludedTerms,
} from '../core/commands/plan-edits.js';
import type { QueryValidator, SettableField } from '../core/commands/plan-edits.js';
import { checkPlanForm, formOf, queryErrorLine } from '../core/commands/plan-form.js';
import type { Command, CommandContext, CommandName, CommandService, PlanForm, PlanFormResult, Reply, ReplyLine } from '../core/commands/types.js';
import { ALERT_ACTIONS } from '../core/alert-view.js';
import type { AlertAction } from '../core/alert-view.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/errors.js';
import { sourceKey } from '../core/source-state.js';
import type { Logger } from '../log.js';
import type { ProbeReport } from './probe.js';
import type { StatusReport } from './status.js';
import { statusLines } from './status.js';
import type { IncidentActions } from './incident-actions.js';
import type { FeedbackSummary } from './feedback-summary.js';
import { formatTime } from './format.js';

/** What the command service needs from the rest of the application. */
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
  feedbackSummary(plan: Plan): Promise<FeedbackSummary | undefined>;
  /** Called after any plan change, so that the matcher and the scheduler see it. */
  plansChanged(): void;
  incidentRetentionDays: number;
  now(): number;
  newId(): string;
  logger: Logger;
}

const ACTION_WORDS: Record<string, AlertAction> = {
  acknowledge: 'acknowledge',
  ack: 'acknowledge',
  escalate: 'escalate',
  mute: 'mute',
  not_crisis: 'not_crisis',
  'not-crisis': 'not_crisis',
};

const ok = (...lines: ReplyLine[]): Reply => ({ ok: true, lines });
const fail = (...lines: ReplyLine[]): Reply => ({ ok: false, lines });

class CommandFailure extends Error {
  constructor(readonly lines: ReplyLine[]) {
    super(lines[0]?.key ?? 'command failed');
  }
}
const refuse = (...lines: ReplyLine[]): never => {
  throw new CommandFailure(lines);
};

export function createCommandService(deps: CommandDeps): CommandService {
  const { store } = deps;

  const findPlan = async (ctx: CommandContext, name: string): Promise<Plan> => {
    const plan = await store.plans.get(ctx.scope, name);
    return plan ?? refuse({ key: 'cmd.error.plan_not_found', params: { plan: name } });
  };

  const checkQuery = (role: 'brand' | 'news' | 'competitors', query: string): void => {
    const problem = deps.validateQuery(query);
    if (problem) refuse(queryErrorLine(role, query, problem));
  };

  const savePlan = async (plan: Plan): Promise<void> => {
    try {
      await store.plans.save(plan);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'duplicate_name') refuse({ key: 'cmd.error.plan_exists', params: { plan: plan.name } });
      throw error;
    }
    deps.plansChanged();
  };

  const sourceList = (plan: Plan): string => plan.sources.map(describeSource).join(', ');

  const disabledNotes = (specs: SourceSpec[]): ReplyLine[] => {
    const notes: ReplyLine[] = [];
    for (const kind of new Set(specs.map((s) => s.kind))) {
      const missing = deps.sources.missingSettings(kind);
      if (missing.length > 0) notes.push({ key: 'cmd.source.disabled', params: { kind, settings: missing.join(', ') } });
    }
    return notes;
  };

  const execute = async (command: Command, ctx: CommandContext): Promise<Reply> => {
    const now = deps.now();
    switch (command.name) {
      case 'help':
        return ok({ key: 'cmd.help', params: { kinds: deps.sources.kinds().join(', ') } });

      case 'watch': {
        checkQuery('brand', command.query);
        const existing = await store.plans.get(ctx.scope, command.plan);
        if (existing) {
          await savePlan(touched({ ...existing, what: { ...existing.what, brand: command.query } }, ctx.user, now));
          return ok({ key: 'cmd.watch.updated', params: { plan: existing.name, query: command.query } });
        }
        if (!PlanNameSchema.safeParse(command.plan).success) refuse({ key: 'cmd.error.plan_name', params: { plan: command.plan } });
        const created = newPlan({
          id: deps.newId(),
          name: command.plan,
          brand: command.query,
          scope: ctx.scope,
          destination: { platform: ctx.scope.platform, workspace: ctx.scope.workspace, channel: ctx.channel },
          locale: ctx.locale,
          by: ctx.user,
          at: now,
        });
        const plan = { ...created, sources: deps.sources.defaultsFor(created) };
        await savePlan(plan);
        const lines: ReplyLine[] = [{ key: 'cmd.watch.created', params: { plan: plan.name, query: command.query } }];
        lines.push(
          plan.sources.length > 0
            ? { key: 'cmd.watch.sources', params: { sources: sourceList(plan) } }
            : { key: 'cmd.watch.no_sources', params: { plan: plan.name } },
        );
        lines.push(...disabledNotes(plan.sources));
        return ok(...lines);
      }

      case 'add':
      case 'exclude': {
        const plan = await findPlan(ctx, command.plan);
        const brand = command.name === 'add' ? withAddedTerms(plan.what.brand, command.terms) : withExcludedTerms(plan.what.brand, command.terms);
        checkQuery('brand', brand);
        await savePlan(touched({ ...plan, what: { ...plan.what, brand } }, ctx.user, now));
        return ok({ key: 'cmd.query.updated', params: { plan: plan.name, role: 'brand', query: brand } });
      }

      case 'competitor':
      case 'news': {
        const plan = await findPlan(ctx, command.plan);
        const role = command.name === 'news' ? 'news' : 'competitors';
        checkQuery(role, command.query);
        await savePlan(touched({ ...plan, what: { ...plan.what, [role]: command.query } }, ctx.user, now));
        return ok({ key: 'cmd.query.updated', params: { plan: plan.name, role, query: command.query } });
      }

      case 'source':
      case 'unsource': {
        const plan = await findPlan(ctx, command.plan);
        const kind = SourceKindSchema.safeParse(command.kind);
        if (!kind.success) return refuse({ key: 'cmd.error.unknown_kind', params: { kind: command.kind, kinds: deps.sources.kinds().join(', ') } });
        const checked = deps.sources.checkArg(kind.data, command.arg);
        if (!checked.ok) return refuse({ key: 'cmd.error.source_arg', params: { kind: kind.data, arg: command.arg ?? '', reason: checked.reason } });
        const spec: SourceSpec = checked.arg ? { kind: kind.data, arg: checked.arg } : { kind: kind.data };
        const present = plan.sources.some((s) => sameSource(s, spec));
        if (command.name === 'source') {
          if (present) refuse({ key: 'cmd.error.source_exists', params: { plan: plan.name, source: describeSource(spec) } });
          await savePlan(touched({ ...plan, sources: [...plan.sources, spec] }, ctx.user, now));
          return ok({ key: 'cmd.source.added', params: { plan: plan.name, source: describeSource(spec) } }, ...disabledNotes([spec]));
        }
        if (!present) refuse({ key: 'cmd.error.source_missing', params: { plan: plan.name, source: describeSource(spec) } });
        await savePlan(touched({ ...plan, sources: plan.sources.filter((s) => !sameSource(s, spec)) }, ctx.user, now));
        await store.sources.removeForPlan(plan.id, [sourceKey(plan.id, spec.kind, spec.arg)]);
        return ok({ key: 'cmd.source.removed', params: { plan: plan.name, source: describeSource(spec) } });
      }

      case 'set': {
        const plan = await findPlan(ctx, command.plan);
        if (!(SETTABLE_FIELDS as readonly string[]).includes(command.field)) refuse({ key: 'cmd.error.set_field', params: { field: command.field } });
        const edit = setField(plan, command.field as SettableField, command.value);
        if (!edit.ok) return refuse({ key: 'cmd.error.set_value', params: { field: command.field, value: command.value, expected: edit.expected } });
        await savePlan(touched(edit.plan, ctx.user, now));
        return ok({ key: 'cmd.set.done', params: { plan: plan.name, field: command.field, value: edit.shown } });
      }

      case 'list': {
        const plans = await store.plans.list(ctx.scope);
        if (plans.length === 0) return ok({ key: 'cmd.list.empty' });
        return ok(
          { key: 'cmd.list.header', params: { count: plans.length } },
          ...plans.map((p) => ({
            key: 'cmd.list.item' as const,
            params: {
              plan: p.name,
              status: p.status === 'active' ? 'active' : 'paused',
              sources: p.sources.length,
              channel: p.destination.channel,
              query: p.what.brand,
            },
          })),
        );
      }

      case 'show': {
        const plan = await findPlan(ctx, command.plan);
        const lines: ReplyLine[] = [
          {
            key: 'cmd.show.header',
            params: {
              plan: plan.name,
              status: plan.status,
              createdBy: plan.created.by,
              createdAt: formatTime(plan.created.at),
              channel: plan.destination.channel,
            },
          },
        ];
        for (const role of QUERY_ROLES) {
          const query = plan.what[role];
          if (query) lines.push({ key: 'cmd.show.query', params: { role, query } });
        }
        lines.push({ key: 'cmd.show.sources', params: { sources: plan.sources.length > 0 ? sourceList(plan) : '-' } });
        lines.push({
          key: 'cmd.show.languages',
          params: { languages: plan.languages.length > 0 ? plan.languages.join(', ') : '*', locale: plan.locale, sensitivity: plan.sensitivity },
        });
        lines.push({ key: 'cmd.show.escalation', params: { contacts: plan.escalation.length > 0 ? plan.escalation.join(', ') : '-' } });
        if (plan.quietHours) lines.push({ key: 'cmd.show.quiet', params: plan.quietHours });
        const feedback = await deps.feedbackSummary(plan);
        lines.push(feedback ? { key: 'cmd.show.feedback', params: { ...feedback } } : { key: 'cmd.show.no_feedback' });
        const [last] = await store.incidents.list(plan.id, 1);
        if (last) {
          lines.push({
            key: 'cmd.show.incident',
            params: {
              state: last.status,
              openedAt: formatTime(last.openedAt),
              stage: last.stage,
              severity: `${last.severity.level} (${Math.round(last.severity.score)})`,
            },
          });
        }
        return ok(...lines);
      }

      case 'pause':
      case 'resume': {
        const plan = await findPlan(ctx, command.plan);
        await savePlan(touched({ ...plan, status: command.name === 'pause' ? 'paused' : 'active' }, ctx.user, now));
        return ok({ key: command.name === 'pause' ? 'cmd.pause.done' : 'cmd.resume.done', params: { plan: plan.name } });
      }

      case 'remove': {
        const plan = await findPlan(ctx, command.plan);
        await store.plans.remove(plan.id);
        deps.plansChanged();
        return ok({ key: 'cmd.remove.done', params: { plan: plan.name, days: deps.incidentRetentionDays } });
      }

      case 'test': {
        const plan = await findPlan(ctx, command.plan);
        if (plan.sources.length === 0) return ok({ key: 'cmd.test.no_sources', params: { plan: plan.name } });
        const report = await deps.probe(plan);
        return ok(...report.lines);
      }

      case 'status': {
        const plans = await store.plans.list(ctx.scope);
        return ok(...statusLines(await deps.status(plans)));
      }

      case 'plan':
        return fail({ key: 'cmd.error.slack_only' });

      case 'act': {
        const action = ACTION_WORDS[command.action];
        if (!action)
          return refuse({ key: 'cmd.error.set_value', params: { field: 'button', value: command.action, expected: ALERT_ACTIONS.join(', ') } });
        return deps.incidents.act(command.incident, action, ctx);
      }
    }
  };

  const run = async (text: string, ctx: CommandContext): Promise<Reply> => {
    let command: Command | undefined;
    try {
      command = parseCommand(text);
      return await execute(command, ctx);
    } catch (error) {
      if (error instanceof CommandFailure) return fail(...error.lines, ...(command ? [usageLine(command.name)] : []));
      if (error instanceof CommandParseError) return fail(...parseErrorLines(error));
      deps.logger.error('command failed', { workspace: ctx.scope.workspace, user: ctx.user, command: text.split(/\s+/)[0], error });
      return fail({ key: 'cmd.error.internal', params: { code: errorCode(error) } });
    }
  };

  return {
    run,
    isSlow: isSlowCommand,
    action: async (incidentId: string, action: AlertAction, ctx: CommandContext) => {
      try {
        return await deps.incidents.act(incidentId, action, ctx);
      } catch (error) {
        deps.logger.error('alert action failed', { incidentId, action, workspace: ctx.scope.workspace, error });
        return fail({ key: 'cmd.error.internal', params: { code: errorCode(error) } });
      }
    },
    planForm: async (name: string | undefined, ctx: CommandContext): Promise<PlanForm> => {
      const existing = name ? await store.plans.get(ctx.scope, name) : undefined;
      if (existing) return formOf(existing);
      return {
        name: name ?? '',
        brand: '',
        kinds: [],
        languages: [],
        sensitivity: 'normal',
        escalation: [],
        channel: ctx.channel,
        locale: ctx.locale,
      };
    },
    submitPlanForm: async (form: PlanForm, ctx: CommandContext): Promise<PlanFormResult> => {
      const existing = form.name.trim() ? await store.plans.get(ctx.scope, form.name.trim()) : undefined;
      const checked = checkPlanForm(
        form,
        {
          existing,
          scope: ctx.scope,
          destination: { platform: ctx.scope.platform, workspace: ctx.scope.workspace, channel: form.channel?.trim() || ctx.channel },
          locale: ctx.locale,
          by: ctx.user,
          at: deps.now(),
          id: deps.newId(),
        },
        { validateQuery: deps.validateQuery, checkSourceArg: deps.sources.checkArg },
      );
      if (!checked.ok) return checked;
      await store.plans.save(checked.plan);
      deps.plansChanged();
      return { ok: true, plan: checked.plan, created: existing === undefined };
    },
  };
}

function parseErrorLines(error: CommandParseError): ReplyLine[] {
  const lines: ReplyLine[] = [];
  switch (error.code) {
    case 'empty':
      lines.push({ key: 'cmd.error.empty' });
      break;
    case 'unknown_command':
      lines.push({ key: 'cmd.error.unknown_command', params: { word: error.argument ?? '' } });
      break;
    case 'missing_argument':
      lines.push({ key: 'cmd.error.missing_argument', params: { argument: error.argument ?? '' } });
      break;
    case 'unexpected_argument':
      lines.push({ key: 'cmd.error.unexpected_argument', params: { argument: error.argument ?? '' } });
      break;
    case 'unterminated_quote':
      lines.push({ key: 'cmd.error.unterminated_quote' });
      break;
  }
  if (error.command) lines.push(usageLine(error.command));
  return lines;
}

function usageLine(name: CommandName): ReplyLine {
  return { key: `cmd.usage.${name}` };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'internal';
}

import type { App, RespondFn, ViewOutput, types, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { CommandContext, CommandService, PlanForm, PlanFormField, ReplyLine } from '../../core/commands/types.js';
import { PlanFormSchema } from '../../core/commands/types.js';
import { CHANNEL_OF_KIND, SOURCE_KINDS, type SourceKind } from '../../core/mention.js';
import type { Plan } from '../../core/plan.js';
import type { Locale } from '../../i18n/locale.js';
import { SensitivitySchema } from '../../core/plan.js';
import { LocaleSchema } from '../../i18n/locale.js';
import { t, translator, type Translate } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import { LIMITS, type KnownBlock, mrkdwn, plain, section } from './blocks.js';
import { commandContext } from './context.js';

export const PLAN_MODAL_ID = 'vigie_plan';
const VALUE = 'value';

/**
 * Source kinds offered as checkboxes, in two groups (a group holds at most 10 options). Feeds are not among them:
 * RSS comes from the feed URL field, and Google Alerts feeds are added with `/vigie source <plan> galerts <url>`.
 */
const FEED_KINDS: readonly SourceKind[] = ['rss', 'galerts'];
const WEB_CHANNELS = ['news', 'blog', 'petition'];

interface KindGroups {
  social: SourceKind[];
  news: SourceKind[];
}

/** The groups of checkboxes for the kinds this installation can poll; an empty group has no block. */
function kindGroups(available: readonly SourceKind[]): KindGroups {
  const offered = SOURCE_KINDS.filter((k) => available.includes(k) && !FEED_KINDS.includes(k));
  return {
    social: offered.filter((k) => !WEB_CHANNELS.includes(CHANNEL_OF_KIND[k])),
    news: offered.filter((k) => WEB_CHANNELS.includes(CHANNEL_OF_KIND[k])),
  };
}

/** Block ids of the modal, one per form field; `kinds` spans up to two blocks and reports on the first shown. */
function blockOf(field: PlanFormField, groups: KindGroups): string {
  if (field !== 'kinds') return field;
  return groups.social.length > 0 ? 'kinds_social' : groups.news.length > 0 ? 'kinds_news' : 'feeds';
}

/** Where the modal was opened from, carried through Slack in `private_metadata`. */
const MetadataSchema = z.object({ channel: z.string() });

type Element = types.InputBlockElement;

function input(
  tr: Translate,
  block: string,
  label: Parameters<Translate>[0],
  element: Element,
  options: { optional?: boolean; hint?: Parameters<Translate>[0] } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    label: plain(tr(label), 2000),
    element,
    optional: options.optional ?? false,
    ...(options.hint !== undefined ? { hint: plain(tr(options.hint), 2000) } : {}),
  };
}

function textInput(initial: string | undefined, options: { multiline?: boolean; max?: number } = {}): Element {
  return {
    type: 'plain_text_input',
    action_id: VALUE,
    multiline: options.multiline ?? false,
    ...(options.max !== undefined ? { max_length: options.max } : {}),
    ...(initial !== undefined && initial !== '' ? { initial_value: initial } : {}),
  };
}

function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

function kindsInput(tr: Translate, block: string, label: Parameters<Translate>[0], kinds: SourceKind[], selected: SourceKind[]): KnownBlock {
  const options = kinds.map((k) => option(tr(`slack.kind.${k}` as const), k));
  const initial = options.filter((o) => selected.includes(o.value as SourceKind));
  return input(
    tr,
    block,
    label,
    { type: 'checkboxes', action_id: VALUE, options, ...(initial.length > 0 ? { initial_options: initial } : {}) },
    { optional: true },
  );
}

/** The plan modal, strategy first: what to listen for, then where, then how and whom to alert, then quiet hours. */
export function planModal(
  form: PlanForm,
  locale: Locale,
  origin: { channel: string },
  available: readonly SourceKind[] = SOURCE_KINDS,
): types.ModalView {
  const tr = translator(locale);
  const groups = kindGroups(available);
  const sensitivities = SensitivitySchema.options.map((s) => option(tr(`slack.modal.sensitivity.${s}` as const), s));
  const locales = LocaleSchema.options.map((l) => option(tr(`slack.locale.${l}` as const), l));
  const planLocale = form.locale ?? locale;
  const blocks: KnownBlock[] = [
    section(tr('slack.modal.intro')),
    input(tr, 'name', 'slack.modal.name', textInput(form.name, { max: 60 }), { hint: 'slack.modal.name.hint' }),
    section(tr('slack.modal.what')),
    input(tr, 'brand', 'slack.modal.brand', textInput(form.brand, { max: 500 }), { hint: 'slack.modal.brand.hint' }),
    input(tr, 'news', 'slack.modal.news', textInput(form.news, { max: 500 }), { optional: true, hint: 'slack.modal.news.hint' }),
    input(tr, 'competitors', 'slack.modal.competitors', textInput(form.competitors, { max: 500 }), {
      optional: true,
      hint: 'slack.modal.competitors.hint',
    }),
    section(tr('slack.modal.where')),
    ...(groups.social.length > 0 ? [kindsInput(tr, 'kinds_social', 'slack.modal.kinds.social', groups.social, form.kinds)] : []),
    ...(groups.news.length > 0 ? [kindsInput(tr, 'kinds_news', 'slack.modal.kinds.news', groups.news, form.kinds)] : []),
    input(tr, 'feeds', 'slack.modal.feeds', textInput(form.feeds, { multiline: true, max: 3000 }), {
      optional: true,
      hint: 'slack.modal.feeds.hint',
    }),
    input(tr, 'languages', 'slack.modal.languages', textInput(form.languages.join(', '), { max: 100 }), {
      optional: true,
      hint: 'slack.modal.languages.hint',
    }),
    section(tr('slack.modal.how')),
    input(tr, 'sensitivity', 'slack.modal.sensitivity', {
      type: 'radio_buttons',
      action_id: VALUE,
      options: sensitivities,
      initial_option: sensitivities.find((o) => o.value === form.sensitivity) ?? sensitivities[1]!,
    }),
    input(
      tr,
      'channel',
      'slack.modal.channel',
      {
        type: 'conversations_select',
        action_id: VALUE,
        initial_conversation: form.channel ?? origin.channel,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
      },
      { hint: 'slack.modal.channel.hint' },
    ),
    input(
      tr,
      'escalation',
      'slack.modal.escalation',
      { type: 'multi_users_select', action_id: VALUE, ...(form.escalation.length > 0 ? { initial_users: form.escalation } : {}) },
      { optional: true, hint: 'slack.modal.escalation.hint' },
    ),
    input(tr, 'locale', 'slack.modal.locale', {
      type: 'static_select',
      action_id: VALUE,
      options: locales,
      initial_option: locales.find((o) => o.value === planLocale) ?? locales[0]!,
    }),
    section(tr('slack.modal.quiet')),
    input(
      tr,
      'quietStart',
      'slack.modal.quietStart',
      { type: 'timepicker', action_id: VALUE, ...(form.quietStart ? { initial_time: form.quietStart } : {}) },
      { optional: true },
    ),
    input(
      tr,
      'quietEnd',
      'slack.modal.quietEnd',
      { type: 'timepicker', action_id: VALUE, ...(form.quietEnd ? { initial_time: form.quietEnd } : {}) },
      { optional: true },
    ),
    input(tr, 'timeZone', 'slack.modal.timeZone', textInput(form.timeZone, { max: 64 }), { optional: true, hint: 'slack.modal.timeZone.hint' }),
  ];
  return {
    type: 'modal',
    callback_id: PLAN_MODAL_ID,
    private_metadata: JSON.stringify(origin),
    title: plain(tr('slack.modal.title'), LIMITS.modalTitle),
    submit: plain(tr('slack.modal.submit'), LIMITS.modalTitle),
    close: plain(tr('slack.modal.close'), LIMITS.modalTitle),
    blocks,
  };
}

type StateValues = ViewOutput['state']['values'];

function stateOf(values: StateValues, block: string): ViewOutput['state']['values'][string][string] | undefined {
  return values[block]?.[VALUE];
}

function textOf(values: StateValues, block: string): string | undefined {
  const value = stateOf(values, block)?.value?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** What the user entered, as the shared plan form. Values Slack would not produce are left for the schema to catch. */
export function formFromState(values: StateValues): unknown {
  const selected = (block: string): string[] => (stateOf(values, block)?.selected_options ?? []).map((o) => o.value);
  return {
    name: textOf(values, 'name') ?? '',
    brand: textOf(values, 'brand') ?? '',
    news: textOf(values, 'news'),
    competitors: textOf(values, 'competitors'),
    kinds: [...selected('kinds_social'), ...selected('kinds_news')],
    feeds: textOf(values, 'feeds'),
    languages: (textOf(values, 'languages') ?? '')
      .split(/[\s,;]+/)
      .map((l) => l.toLowerCase())
      .filter((l) => l !== ''),
    locale: stateOf(values, 'locale')?.selected_option?.value,
    sensitivity: stateOf(values, 'sensitivity')?.selected_option?.value ?? 'normal',
    channel: stateOf(values, 'channel')?.selected_conversation ?? undefined,
    escalation: stateOf(values, 'escalation')?.selected_users ?? [],
    quietStart: stateOf(values, 'quietStart')?.selected_time ?? undefined,
    quietEnd: stateOf(values, 'quietEnd')?.selected_time ?? undefined,
    timeZone: textOf(values, 'timeZone'),
  };
}

/** Field errors keyed by the modal's block ids, for `response_action: 'errors'`. */
export function blockErrors(
  errors: Partial<Record<PlanFormField, ReplyLine>>,
  locale: Locale,
  available: readonly SourceKind[] = SOURCE_KINDS,
): Record<string, string> {
  const groups = kindGroups(available);
  const out: Record<string, string> = {};
  for (const [field, line] of Object.entries(errors) as Array<[PlanFormField, ReplyLine]>) {
    const block = blockOf(field, groups);
    out[block] = [out[block], t(locale, line.key, line.params)].filter(Boolean).join('\n').slice(0, 2000);
  }
  return out;
}

function savedModal(plan: Plan, created: boolean, locale: Locale): types.ModalView {
  const tr = translator(locale);
  const saved = tr(created ? 'slack.modal.saved.created' : 'slack.modal.saved.updated', { plan: plan.name, channel: plan.destination.channel });
  return {
    type: 'modal',
    title: plain(tr('slack.modal.title'), LIMITS.modalTitle),
    close: plain(tr('slack.modal.done'), LIMITS.modalTitle),
    blocks: [section(saved), { type: 'context', elements: [mrkdwn(tr('slack.modal.saved.next', { plan: plan.name }))] }],
  };
}

export interface ModalDeps {
  commands: CommandService;
  locale: (teamId: string) => Locale;
  logger: Logger;
  /** Source kinds this installation can poll: only those are offered. */
  kinds: () => readonly SourceKind[];
}

/** `/vigie plan [name]`: open the modal pre-filled from the plan (or blank), within the trigger's 3 s. */
export async function openPlanModal(
  client: webApi.WebClient,
  triggerId: string,
  name: string | undefined,
  deps: { commands: CommandService; ctx: CommandContext; log: Logger; respond: RespondFn; kinds: () => readonly SourceKind[] },
): Promise<void> {
  const { ctx, log } = deps;
  try {
    const form = await deps.commands.planForm(name, ctx);
    await client.views.open({ trigger_id: triggerId, view: planModal(form, ctx.locale, { channel: ctx.channel }, deps.kinds()) });
  } catch (error) {
    log.error('could not open the plan modal', { error, plan: name });
    const code = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code ?? 'unknown';
    await deps.respond({ response_type: 'ephemeral', text: t(ctx.locale, 'slack.reply.modalFailed', { error: code }) }).catch((e: unknown) => {
      log.error('could not report the modal failure', { error: e });
    });
  }
}

/**
 * The modal's submit: the form goes to the command service; a wrong field comes back as an error under that field
 * (Slack keeps everything the user typed), a saved plan replaces the modal with a confirmation.
 */
export function registerPlanModal(app: App, deps: ModalDeps): void {
  app.view(PLAN_MODAL_ID, async ({ ack, body, view }) => {
    const team = body.team?.id ?? body.user.team_id ?? '';
    const locale = deps.locale(team);
    const log = deps.logger.child({ requestId: 'trigger_id' in body ? body.trigger_id : view.id, team, user: body.user.id, view: view.id });
    const origin = MetadataSchema.safeParse(safeJson(view.private_metadata));
    const parsed = PlanFormSchema.safeParse(formFromState(view.state.values));
    if (!parsed.success) {
      const groups = kindGroups(deps.kinds());
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (typeof field === 'string' && field in PlanFormSchema.shape)
          errors[blockOf(field as PlanFormField, groups)] = t(locale, 'slack.modal.invalid');
      }
      log.warn('plan modal sent values outside the form', { fields: Object.keys(errors) });
      await ack({ response_action: 'errors', errors });
      return;
    }
    const ctx = commandContext(team, origin.success ? origin.data.channel : (parsed.data.channel ?? ''), body.user.id, locale);
    try {
      const result = await deps.commands.submitPlanForm(parsed.data, ctx);
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: blockErrors(result.errors, locale, deps.kinds()) });
        return;
      }
      await ack({ response_action: 'update', view: savedModal(result.plan, result.created, locale) });
    } catch (error) {
      log.error('plan modal submit failed', { error });
      await ack({ response_action: 'errors', errors: { name: t(locale, 'slack.reply.failed') } });
    }
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

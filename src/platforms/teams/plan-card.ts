import { SOURCE_KINDS, SourceKindSchema } from '../../core/mention.js';
import { SensitivitySchema } from '../../core/plan.js';
import { LocaleSchema, type Locale } from '../../i18n/locale.js';
import { PlanFormSchema, type PlanForm, type PlanFormField, type PlanFormResult, type ReplyLine } from '../../core/commands/types.js';
import { t, translator } from '../../i18n/catalog.js';
import { card, heading, plain, text, type AdaptiveCard, type CardElement } from './card-kit.js';

/** Verb of the form's submit button (`Action.Execute`), also accepted as `value.verb` of a legacy `Action.Submit`. */
export const PLAN_SUBMIT_VERB = 'vigie.plan.submit';

type FieldErrors = Partial<Record<PlanFormField, ReplyLine>>;

function input(type: string, id: PlanFormField, label: string, value: string | undefined, extra: CardElement = {}): CardElement {
  return { type, id, label, ...(value !== undefined && value !== '' ? { value } : {}), ...extra };
}

/** Each field followed by its error, in red, when the last submit was refused. */
function withError(element: CardElement, locale: Locale, errors: FieldErrors): CardElement[] {
  const error = errors[element.id as PlanFormField];
  if (error === undefined) return [element];
  return [element, text(t(locale, error.key, error.params), { color: 'Attention', size: 'Small', spacing: 'None' })];
}

/** The plan form, strategy first (what / where / languages / sensitivity / escalation); `original` names an edited plan. */
export function renderPlanCard(form: PlanForm, locale: Locale, options: { errors?: FieldErrors; original?: string } = {}): AdaptiveCard {
  const tr = translator(locale);
  const errors = options.errors ?? {};
  const fields = (elements: CardElement[]): CardElement[] => elements.flatMap((e) => withError(e, locale, errors));
  const choice = (value: string, title: string): CardElement => ({ title, value });
  const body: CardElement[] = [
    text(options.original === undefined ? tr('teams.plan.titleNew') : tr('teams.plan.titleEdit', { name: plain(options.original, 60) }), {
      size: 'Large',
      weight: 'Bolder',
    }),
    text(tr('teams.plan.intro'), { isSubtle: true, spacing: 'Small' }),
  ];
  if (Object.keys(errors).length > 0) body.push(text(tr('teams.plan.invalid'), { color: 'Attention', weight: 'Bolder' }));
  body.push(
    heading(tr('teams.plan.what')),
    ...fields([
      input('Input.Text', 'name', tr('teams.plan.name'), form.name, { maxLength: 60 }),
      input('Input.Text', 'brand', tr('teams.plan.brand'), form.brand, { placeholder: tr('teams.plan.brandHint') }),
      input('Input.Text', 'news', tr('teams.plan.news'), form.news),
      input('Input.Text', 'competitors', tr('teams.plan.competitors'), form.competitors),
    ]),
    heading(tr('teams.plan.where')),
    ...fields([
      input('Input.ChoiceSet', 'kinds', tr('teams.plan.kinds'), form.kinds.join(','), {
        isMultiSelect: true,
        style: 'filtered',
        choices: SOURCE_KINDS.map((kind) => choice(kind, tr(`teams.kind.${kind}`))),
      }),
      input('Input.Text', 'feeds', tr('teams.plan.feeds'), form.feeds, { isMultiline: true }),
    ]),
    heading(tr('teams.plan.languagesTitle')),
    ...fields([
      input('Input.Text', 'languages', tr('teams.plan.languages'), form.languages.join(', ')),
      input('Input.ChoiceSet', 'locale', tr('teams.plan.locale'), form.locale ?? locale, {
        style: 'compact',
        choices: LocaleSchema.options.map((l) => choice(l, tr(`teams.locale.${l}`))),
      }),
    ]),
    heading(tr('teams.plan.sensitivityTitle')),
    ...fields([
      input('Input.ChoiceSet', 'sensitivity', tr('teams.plan.sensitivity'), form.sensitivity, {
        style: 'expanded',
        choices: SensitivitySchema.options.map((s) => choice(s, tr(`teams.sensitivity.${s}`))),
      }),
    ]),
    heading(tr('teams.plan.escalationTitle')),
    ...fields([
      // A people picker: Teams fills it from the tenant directory and submits Microsoft Entra object ids.
      input('Input.ChoiceSet', 'escalation', tr('teams.plan.escalation'), form.escalation.join(','), {
        isMultiSelect: true,
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      }),
      input('Input.Time', 'quietStart', tr('teams.plan.quietStart'), form.quietStart),
      input('Input.Time', 'quietEnd', tr('teams.plan.quietEnd'), form.quietEnd),
      input('Input.Text', 'timeZone', tr('teams.plan.timeZone'), form.timeZone),
    ]),
  );
  const data: Record<string, string> = { verb: PLAN_SUBMIT_VERB };
  if (form.channel !== undefined) data.channel = form.channel;
  return card(locale, body, [{ type: 'Action.Execute', title: tr('teams.plan.submit'), verb: PLAN_SUBMIT_VERB, data, style: 'positive' }]);
}

const list = (value: unknown, separator: RegExp): string[] =>
  typeof value === 'string'
    ? value
        .split(separator)
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
const optional = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Read the submitted inputs (Teams sends every input as a string: multi-selects comma-separated). Unknown source
 * kinds are dropped here; everything else is validated by the command service, which answers per field.
 */
export function parsePlanSubmission(data: Record<string, unknown>): { ok: true; form: PlanForm } | { ok: false; detail: string } {
  const candidate = {
    name: typeof data.name === 'string' ? data.name.trim() : '',
    brand: typeof data.brand === 'string' ? data.brand.trim() : '',
    news: optional(data.news),
    competitors: optional(data.competitors),
    kinds: list(data.kinds, /,/).filter((k) => SourceKindSchema.safeParse(k).success),
    feeds: optional(data.feeds),
    languages: list(data.languages, /[\s,;]+/).map((l) => l.toLowerCase()),
    locale: optional(data.locale),
    sensitivity: optional(data.sensitivity) ?? 'normal',
    channel: optional(data.channel),
    escalation: list(data.escalation, /,/),
    quietStart: optional(data.quietStart),
    quietEnd: optional(data.quietEnd),
    timeZone: optional(data.timeZone),
  };
  const parsed = PlanFormSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!parsed.success) return { ok: false, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, form: parsed.data };
}

/** The card that replaces the form once the plan is saved. */
export function renderPlanSaved(result: Extract<PlanFormResult, { ok: true }>, locale: Locale): AdaptiveCard {
  const key = result.created ? 'teams.plan.created' : 'teams.plan.updated';
  return card(locale, [text(t(locale, key, { name: plain(result.plan.name, 60) }))]);
}

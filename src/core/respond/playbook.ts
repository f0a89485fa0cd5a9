import { z } from 'zod';
import { LocaleSchema } from '../../i18n/locale.js';
import { SeverityLevelSchema } from '../incident/incident.js';
import { forbiddenPhrasings } from './forbidden.js';
import { CATEGORY_IDS } from './types.js';

/** Languages a playbook can be written in: the plan locales. */
export const DRAFT_LANGUAGES = LocaleSchema.options;
export const DraftLanguageSchema = LocaleSchema;
export type DraftLanguage = z.infer<typeof DraftLanguageSchema>;

/**
 * The facts a template may cite as `{name}`: nothing else reaches a draft, so a draft cannot state what the
 * incident does not show. What only a human knows is written in the template as a `[bracketed placeholder]`.
 */
export const FACT_NAMES = [
  'brand',
  'category',
  'issue',
  'known',
  'action',
  'categories',
  'next_update',
  'opened_at',
  'first_seen',
  'first_channel',
  'negative',
  'total',
  'expected',
  'ratio',
  'window',
  'reach',
  'stage',
  'stage_label',
  'severity',
  'severity_score',
  'sources',
  'top_posts',
  'owners',
  'decisions',
  'author',
  'post_url',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

const FACT_REFERENCE = /\{([^{}]*)\}/g;
const PLACEHOLDER = /\[[^[\]\n]+\]/;

function checkTemplate(text: string, ctx: z.RefinementCtx): void {
  for (const match of text.matchAll(FACT_REFERENCE)) {
    if (!(FACT_NAMES as readonly string[]).includes(match[1]!)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown fact {${match[1]}}; a template may only cite ${FACT_NAMES.map((n) => `{${n}}`).join(', ')}`,
      });
    }
  }
  if (/\d/.test(text.replace(FACT_REFERENCE, ''))) {
    ctx.addIssue({ code: 'custom', message: 'digits are not allowed in a template: numbers come from {facts} only' });
  }
  const unbalanced = (text.match(/\[/g)?.length ?? 0) !== (text.match(/\]/g)?.length ?? 0);
  if (unbalanced) ctx.addIssue({ code: 'custom', message: 'unbalanced [placeholder] brackets' });
}

/** Text with `{fact}` references and `[placeholders]` for a human to fill. */
export const TemplateSchema = z.string().trim().min(1).superRefine(checkTemplate);

const bySeverity = <T extends z.ZodType>(item: T) => z.object({ low: item, medium: item, high: item, critical: item }).strict();

const CategoryWordingSchema = z
  .object({
    /** Name of the category in this language, as shown in the brief. */
    label: z.string().trim().min(1),
    /** What the public statement says the issue is, without claiming a cause: "disruption to our service". */
    issue: TemplateSchema,
    /** What only a human knows yet; shown as a placeholder in the holding statement. */
    known: TemplateSchema.refine((t) => PLACEHOLDER.test(t), 'must contain a [placeholder] a human fills'),
    /** What is being done; a placeholder unless the team's playbook can commit to it in advance. */
    action: TemplateSchema,
    /**
     * A holding statement of its own, when "sorry for the disruption" does not fit (a boycott, a rumour): one
     * template, or one per severity. Otherwise the severity's holding statement is used.
     */
    holding: z.union([TemplateSchema, bySeverity(TemplateSchema)]).optional(),
  })
  .strict();

const ChecklistItemSchema = z
  .object({
    text: TemplateSchema,
    /** Shown from this severity level up. */
    minSeverity: SeverityLevelSchema.optional(),
    /** Shown from this stage up (1 isolated complaints … 4 news or petition). */
    minStage: z.number().int().min(1).max(4).optional(),
    /** Shown only for these categories. */
    categories: z.array(z.enum(CATEGORY_IDS)).min(1).optional(),
    /** Shown only when the incident has reached one of these channels. */
    channels: z
      .array(z.enum(['microblog', 'forum', 'blog', 'video', 'news', 'petition']))
      .min(1)
      .optional(),
    /** The practice it follows, for the team that edits the playbook (not shown in drafts). */
    why: z.string().optional(),
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

const categories = Object.fromEntries(CATEGORY_IDS.map((id) => [id, CategoryWordingSchema])) as {
  [K in (typeof CATEGORY_IDS)[number]]: typeof CategoryWordingSchema;
};

export const PlaybookSchema = z
  .object({
    language: DraftLanguageSchema,
    name: z.string().trim().min(1),
    categories: z.object(categories).strict(),
    stages: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1)]),
    severities: bySeverity(z.string().trim().min(1)),
    channels: z
      .object({
        microblog: z.string().min(1),
        forum: z.string().min(1),
        blog: z.string().min(1),
        video: z.string().min(1),
        news: z.string().min(1),
        petition: z.string().min(1),
      })
      .strict(),
    /** Minutes until the next public update, by severity: the cadence the holding statement commits to. */
    cadenceMinutes: bySeverity(
      z
        .number()
        .int()
        .min(5)
        .max(24 * 60),
    ),
    holding: bySeverity(TemplateSchema),
    /** Reply to a first complainer, by the channel of the post: acknowledge publicly, move details to private. */
    reply: z
      .object({
        microblog: TemplateSchema,
        forum: TemplateSchema,
        blog: TemplateSchema,
        video: TemplateSchema,
        news: TemplateSchema,
        petition: TemplateSchema,
      })
      .strict(),
    brief: TemplateSchema,
    /** What managers must decide now, by severity. */
    decide: bySeverity(z.array(TemplateSchema).min(1)),
    checklist: z.object({ do: z.array(ChecklistItemSchema).min(1), dont: z.array(ChecklistItemSchema).min(1) }).strict(),
    /** Phrasings no draft may contain (checked on templates, on LLM rewrites, in tests): "no comment", blaming… */
    forbidden: z.array(z.string().trim().min(2)).min(1),
    /** Said where a fact has no value (no source yet, no link). */
    none: z.string().trim().min(1),
  })
  .strict()
  .superRefine((playbook, ctx) => {
    const texts: Array<{ path: Array<string | number>; text: string }> = [];
    const walk = (value: unknown, path: Array<string | number>): void => {
      if (typeof value === 'string') texts.push({ path, text: value });
      else if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i]);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    // The "don't" list names forbidden phrasings on purpose; everything else must stay clear of them.
    const { checklist, forbidden: _forbidden, ...rest } = playbook;
    walk({ ...rest, checklist: { do: checklist.do } }, []);
    for (const { path, text } of texts) {
      const hit = forbiddenPhrasings(text, playbook.forbidden)[0];
      if (hit) ctx.addIssue({ code: 'custom', path, message: `contains the forbidden phrasing "${hit}"` });
    }
  });
export type Playbook = z.infer<typeof PlaybookSchema>;

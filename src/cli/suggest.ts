/**
 * `vigie suggest --incident incident.json [--plan plan.json] [--lang en|fr|ar] [--now ISO] [--json]`: prints the
 * incident's category with its evidence and the suggested drafts. The incident file holds an incident, or
 * `{ "incident": …, "plan": … }`; without a plan, brand and owners are left as [placeholders]. When an LLM is
 * configured, the polished drafts follow the template ones.
 */
import { readFile } from 'node:fs/promises';
import { IncidentSchema, type Incident } from '../core/incident/incident.js';
import { PlanSchema, type Plan } from '../core/plan.js';
import { prepareSuggestion } from '../core/respond/drafts.js';
import { DraftLanguageSchema, type DraftLanguage } from '../core/respond/playbook.js';
import type { Suggestion } from '../core/respond/types.js';
import { t } from '../i18n/catalog.js';
import type { MessageKey } from '../i18n/catalog.js';
import { loadPlaybooks, PlaybookError } from '../drafting/playbook-files.js';
import { polishSuggestion, type PolishOptions } from '../drafting/llm.js';
import type { Subcommand } from './io.js';
import { defineCommand, EXIT, usage } from './command.js';
import type { Locale } from '../i18n/locale.js';

export interface SuggestDeps {
  /** VIGIE_PLAYBOOK_DIR: the team's playbook folder. */
  playbookDir?: string;
  /** LLM settings; without baseUrl and model nothing is sent. */
  llm?: PolishOptions;
  now?: () => number;
}

interface Args {
  incident: string;
  plan?: string;
  lang?: DraftLanguage;
  now?: number;
  json: boolean;
}

class InputError extends Error {}

async function readJson(file: string, locale: Locale): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(t(locale, 'cli.error.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(t(locale, 'cli.error.invalidJson', { file, reason: (error as Error).message }));
  }
}

function problems(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`)
    .join('; ');
}

/** A stand-in plan when none is given: what it cannot know stays a placeholder. */
function placeholderPlan(incident: Incident, locale: Locale): Plan {
  const at = incident.openedAt;
  return {
    schemaVersion: 1,
    id: incident.planId,
    name: '[brand]',
    scope: { platform: 'local', workspace: 'local' },
    what: { brand: '"[brand]"' },
    sources: [],
    languages: [],
    locale,
    sensitivity: 'normal',
    destination: { platform: 'local', workspace: 'local', channel: 'terminal' },
    escalation: [],
    status: 'active',
    created: { by: 'cli', at },
    updated: { by: 'cli', at },
  };
}

async function loadInputs(args: Args, locale: Locale): Promise<{ incident: Incident; plan: Plan }> {
  const raw = await readJson(args.incident, locale);
  const wrapped = raw !== null && typeof raw === 'object' && 'incident' in raw;
  const incidentResult = IncidentSchema.safeParse(wrapped ? (raw as { incident: unknown }).incident : raw);
  if (!incidentResult.success) {
    throw new InputError(t(locale, 'cli.error.invalidIncident', { file: args.incident, problems: problems(incidentResult.error.issues) }));
  }
  const incident = incidentResult.data;
  const planRaw = args.plan ? await readJson(args.plan, locale) : wrapped ? (raw as { plan?: unknown }).plan : undefined;
  if (planRaw === undefined) return { incident, plan: placeholderPlan(incident, args.lang ?? 'en') };
  const planResult = PlanSchema.safeParse(planRaw);
  if (!planResult.success) {
    throw new InputError(t(locale, 'cli.error.invalidPlan', { file: args.plan ?? args.incident, problems: problems(planResult.error.issues) }));
  }
  return { incident, plan: planResult.data };
}

/** The suggestion as plain text, headings in the suggestion's locale. */
export function formatSuggestion(suggestion: Suggestion): string {
  const tr = (key: MessageKey, params?: Record<string, string | number>): string => t(suggestion.locale, key, params);
  const c = suggestion.categorization;
  const label = (id: string): string => tr(`resp.category.${id}` as MessageKey);
  const lines: string[] = [];
  if (c.mixed) {
    lines.push(tr('resp.heading.mixed'));
    for (const b of c.breakdown)
      lines.push(`  ${tr('resp.heading.share', { category: label(b.category), count: b.count, share: Math.round(b.share * 100) })}`);
  } else {
    lines.push(tr('resp.heading.category', { category: label(c.category) }));
  }
  if (c.evidence.length > 0) {
    lines.push('', tr('resp.heading.evidence'));
    for (const e of c.evidence) {
      lines.push(
        `  - [${label(e.category)}] ${tr('resp.heading.evidenceItem', { phrase: e.phrase, excerpt: e.excerpt })}${e.url ? ` ${e.url}` : ''}`,
      );
    }
  }
  const d = suggestion.drafts;
  lines.push('', tr(suggestion.polished ? 'resp.heading.polished' : 'resp.heading.template'));
  lines.push('', `== ${tr('resp.heading.holding')}`, d.holding);
  lines.push('', `== ${tr('resp.heading.reply')}`, d.reply);
  for (const r of (d.replies ?? []).slice(1)) {
    lines.push('', `-- ${tr('resp.heading.replyTo', { author: r.author, kind: r.sourceKind, url: r.url })}`, r.text);
  }
  lines.push('', `== ${tr('resp.heading.brief')}`, d.brief);
  lines.push('', `== ${tr('resp.heading.do')}`, ...d.checklist.do.map((s) => `  - ${s}`));
  lines.push('', `== ${tr('resp.heading.dont')}`, ...d.checklist.dont.map((s) => `  - ${s}`));
  return `${lines.join('\n')}\n`;
}

export function suggestWith(deps: SuggestDeps): Subcommand {
  const def = {
    name: 'suggest',
    summary: 'cli.suggest.summary',
    synopsis: 'suggest --incident incident.json [--plan plan.json] [--lang en|fr|ar] [--now ISO] [--json]',
    options: {
      incident: { type: 'string', placeholder: 'file.json', help: 'cli.suggest.opt.incident' },
      plan: { type: 'string', placeholder: 'file.json', help: 'cli.suggest.opt.plan' },
      lang: { type: 'string', placeholder: 'en|fr|ar', help: 'cli.suggest.opt.lang' },
      now: { type: 'string', placeholder: 'ISO', help: 'cli.suggest.opt.now' },
      json: { type: 'boolean', help: 'cli.suggest.opt.json' },
    },
    exits: ['ok', 'failed', 'usage'],
  } as const;
  return defineCommand({
    ...def,
    async run(values, _positionals, io) {
      const locale = io.locale ?? 'en';
      if (!values.incident) return usage(def, io, t(locale, 'cli.error.missing', { option: '--incident' }));
      const lang = values.lang === undefined ? undefined : DraftLanguageSchema.safeParse(values.lang);
      if (lang && !lang.success) return usage(def, io, t(locale, 'cli.error.badLanguage', { lang: values.lang ?? '' }));
      const now = values.now === undefined ? undefined : Date.parse(values.now);
      if (Number.isNaN(now)) return usage(def, io, t(locale, 'cli.error.date', { option: '--now', value: values.now ?? '' }));
      const args: Args = {
        incident: values.incident,
        json: values.json,
        ...(values.plan ? { plan: values.plan } : {}),
        ...(lang?.success ? { lang: lang.data } : {}),
        ...(now !== undefined ? { now } : {}),
      };
      try {
        const { incident, plan } = await loadInputs(args, locale);
        const playbooks = await loadPlaybooks(deps.playbookDir ? { dir: deps.playbookDir } : {});
        const language = args.lang ?? plan.locale;
        const { playbook } = playbooks[language];
        const options = { now: args.now ?? (deps.now ?? Date.now)(), ...(plan.name === '[brand]' ? { brandName: '[brand]' } : {}) };
        const { suggestion, facts } = prepareSuggestion(incident, plan, playbook, options);
        const polished = deps.llm ? await polishSuggestion(suggestion, facts, { ...deps.llm, forbidden: playbook.forbidden }) : undefined;
        if (args.json) {
          io.stdout.write(`${JSON.stringify(polished ? { template: suggestion, polished } : { template: suggestion }, null, 2)}\n`);
        } else {
          io.stdout.write(formatSuggestion(suggestion));
          if (polished) io.stdout.write(`\n${formatSuggestion(polished)}`);
        }
        return EXIT.ok;
      } catch (error) {
        if (error instanceof InputError || error instanceof PlaybookError) {
          io.stderr.write(`vigie suggest: ${error.message}\n`);
          return EXIT.failed;
        }
        throw error;
      }
    },
  });
}

export const suggest: Subcommand = suggestWith({});

import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { SourceKindSchema } from '../core/mention.js';
import type { Mention, SourceKind } from '../core/mention.js';
import { PLAN_SCHEMA_VERSION, PlanSchema, QUERY_ROLES, SensitivitySchema } from '../core/plan.js';
import { LocaleSchema } from '../i18n/locale.js';
import type { Plan } from '../core/plan.js';
import { buildAlertView } from '../core/alert-view.js';
import { parseDuration } from '../core/duration.js';
import { loadConfig } from '../config.js';
import { runBacktest } from '../app/backtest.js';
import type { BacktestResult } from '../app/backtest.js';
import { createDetection } from '../app/detection-binding.js';
import type { DetectionPort } from '../app/detection.js';
import { incidentChart } from '../app/messages.js';
import { buildSuggestion } from '../core/respond/drafts.js';
import { planTimeZone } from '../core/time-zone.js';
import { loadPlaybooks } from '../drafting/playbook-files.js';
import { renderReportPage } from '../app/report/page.js';
import { incidentVoice, reportData } from '../app/report/report-data.js';
import { loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import { createHttpClient } from '../sources/http.js';
import { silentLogger } from '../log.js';
import { t, translator } from '../i18n/catalog.js';
import { validateQuery } from '../app/plan-queries.js';
import { defineCommand, EXIT, usage } from './command.js';
import { lineTooLong, linesExit } from './jsonl.js';
import { queryErrorLine } from '../core/commands/plan-form.js';
import { explanation, formatAt } from '../platforms/alert-text.js';
import type { CliIO, Subcommand } from './io.js';

/** A plan file: a full plan, or just what a backtest needs (the rest takes the defaults of a new plan). */
const PlanFileSchema = z.object({
  name: z.string().default('backtest'),
  what: z.object({ brand: z.string().min(1), news: z.string().optional(), competitors: z.string().optional() }),
  languages: z.array(z.string()).default([]),
  locale: LocaleSchema.default('en'),
  sensitivity: SensitivitySchema.default('normal'),
  /** Replay each competitor's series through the detector too (`set <plan> competitor-alerts on`). */
  competitorAlerts: z.boolean().optional(),
});

const count = z.coerce.number().int().nonnegative().optional();
const MentionLineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  created_at: z.union([z.string(), z.number()]),
  text: z.string(),
  source: z.string().optional(),
  url: z.string().optional(),
  author: z.string().optional(),
  lang: z.string().optional(),
  metrics: z.object({ likes: count, reposts: count, replies: count, quotes: count, views: count, followers: count }).optional(),
  retweet_count: count,
  favorite_count: count,
  reply_count: count,
  followers_count: count,
});

const SOURCE_ALIASES: Record<string, SourceKind> = {
  twitter: 'x',
  tweet: 'x',
  news: 'gnews',
  forum: 'reddit',
  blog: 'rss',
  video: 'youtube',
  petition: 'petitions',
};

function sourceKindOf(source: string | undefined): SourceKind {
  if (!source) return 'x';
  const lower = source.toLowerCase();
  const parsed = SourceKindSchema.safeParse(lower);
  return parsed.success ? parsed.data : (SOURCE_ALIASES[lower] ?? 'x');
}

function timeOf(value: string | number): number | undefined {
  const ms = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function planFromFile(raw: unknown): Plan {
  const full = PlanSchema.safeParse(raw);
  if (full.success) return full.data;
  const partial = PlanFileSchema.parse(raw);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: 'backtest',
    name: partial.name,
    scope: { platform: 'local', workspace: 'backtest' },
    what: partial.what,
    sources: [],
    languages: partial.languages,
    locale: partial.locale,
    sensitivity: partial.sensitivity,
    destination: { platform: 'local', workspace: 'backtest', channel: 'terminal' },
    escalation: [],
    status: 'active',
    created: { by: 'backtest', at: 0 },
    updated: { by: 'backtest', at: 0 },
    ...(partial.competitorAlerts ? { competitorAlerts: true } : {}),
  };
}

/** Read mentions JSONL; a bad line is reported with its number and skipped. */
export async function readMentions(
  file: string,
  io: CliIO,
  window: { from?: number; to?: number },
): Promise<{ mentions: Mention[]; lines: number; skipped: number }> {
  const mentions: Mention[] = [];
  let lines = 0;
  let skipped = 0;
  const input = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of input) {
    n += 1;
    if (line.trim() === '') continue;
    lines += 1;
    const tooLong = lineTooLong(line);
    if (tooLong) {
      io.stderr.write(
        `vigie backtest: ${t(io.locale ?? 'en', 'cli.line.bad', { line: n, reason: t(io.locale ?? 'en', tooLong.key, tooLong.params) })}\n`,
      );
      skipped += 1;
      continue;
    }
    let parsed: z.infer<typeof MentionLineSchema>;
    try {
      parsed = MentionLineSchema.parse(JSON.parse(line));
    } catch (error) {
      io.stderr.write(
        `line ${n}: skipped, ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (error as Error).message}\n`,
      );
      skipped += 1;
      continue;
    }
    const at = timeOf(parsed.created_at);
    if (at === undefined) {
      io.stderr.write(`line ${n}: skipped, created_at is not a date\n`);
      skipped += 1;
      continue;
    }
    if ((window.from !== undefined && at < window.from) || (window.to !== undefined && at >= window.to)) continue;
    const metrics = parsed.metrics ?? {
      ...(parsed.retweet_count !== undefined ? { reposts: parsed.retweet_count } : {}),
      ...(parsed.favorite_count !== undefined ? { likes: parsed.favorite_count } : {}),
      ...(parsed.reply_count !== undefined ? { replies: parsed.reply_count } : {}),
      ...(parsed.followers_count !== undefined ? { followers: parsed.followers_count } : {}),
    };
    const id = parsed.id !== undefined ? String(parsed.id) : createHash('sha1').update(`${parsed.created_at}\n${parsed.text}`).digest('hex');
    mentions.push({
      id,
      sourceKind: sourceKindOf(parsed.source),
      url: parsed.url ?? '',
      author: parsed.author ?? '',
      text: parsed.text,
      publishedAt: at,
      ...(parsed.lang ? { lang: parsed.lang } : {}),
      ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
    });
  }
  return { mentions, lines, skipped };
}

function printText(result: BacktestResult, plan: Plan, io: CliIO): void {
  const t = translator(plan.locale);
  io.stdout.write(
    `${result.mentions} mentions, ${result.matched} matched plan "${plan.name}", ${result.negative} negative; ${result.incidents.length} incident(s)\n`,
  );
  for (const incident of result.incidents) {
    io.stdout.write(`\nincident ${incident.id.slice(0, 8)}\n`);
    for (const event of result.events.filter((e) => e.incident.id === incident.id)) {
      const view = buildAlertView(event.incident, plan);
      const severity = `${event.incident.severity.level} ${Math.round(event.incident.severity.score)}/100`;
      io.stdout.write(
        `  ${formatAt(event.at)}  ${event.type.padEnd(8)} stage ${event.incident.stage}, severity ${severity}, ${event.incident.counts.negative} negative so far\n`,
      );
      if (event.type !== 'resolved') io.stdout.write(`    ${explanation(view, t, plan.locale)}\n`);
    }
  }
  const rivals = result.events.filter((e) => e.competitor !== undefined && e.type === 'opened');
  for (const event of rivals) {
    io.stdout.write(
      `\ncompetitor ${event.competitor}: its own incident opened ${formatAt(event.at)}, stage ${event.incident.stage}, ${event.incident.counts.negative} negative (context: it may spill over)\n`,
    );
  }
  if (result.shareOfVoice.length > 1) {
    io.stdout.write('\nshare of voice (mentions, share of all, negative share):\n');
    for (const v of result.shareOfVoice) {
      const name = v.role === 'brand' ? `${plan.name} (brand)` : v.name;
      io.stdout.write(`  ${name}: ${v.total}, ${Math.round(v.share * 100)}%, ${Math.round(v.negativeShare * 100)}% negative\n`);
    }
  }
}

/** `--report-dir`: each incident's report page as a file that opens in a browser without Vigie running. */
async function writeReports(
  dir: string,
  result: BacktestResult,
  plan: Plan,
  deps: { detection: DetectionPort; bucketMs: number; timeZone: string },
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const playbook = (await loadPlaybooks({}))[plan.locale].playbook;
  const files: string[] = [];
  for (const incident of result.incidents) {
    const end = incident.resolvedAt ?? incident.lastBucketAt + deps.bucketMs;
    const chart = await incidentChart(
      { store: result.store, detection: deps.detection, bucketMs: deps.bucketMs, timeZone: deps.timeZone, now: () => end },
      incident,
      plan,
    );
    const suggestion = buildSuggestion(incident, plan, playbook, { now: end, timeZone: planTimeZone(plan, deps.timeZone) });
    const voice = await incidentVoice(result.store, incident, plan, end);
    const html = renderReportPage(await reportData(incident, plan, { chart, suggestion, voice }, deps.timeZone), { generatedAt: Date.now() });
    const file = path.join(dir, `${incident.id}.html`);
    await writeFile(file, html, 'utf8');
    files.push(file);
  }
  return files;
}

const DEFINITION = {
  name: 'backtest',
  summary: 'cli.backtest.summary',
  synopsis: 'backtest --plan plan.json --mentions mentions.jsonl [--from ISO] [--to ISO] [--bucket 5m] [--json] [--report-dir dir]',
  options: {
    plan: { type: 'string', placeholder: 'plan.json', help: 'cli.backtest.opt.plan' },
    mentions: { type: 'string', placeholder: 'mentions.jsonl', help: 'cli.backtest.opt.mentions' },
    from: { type: 'string', placeholder: 'ISO', help: 'cli.backtest.opt.from' },
    to: { type: 'string', placeholder: 'ISO', help: 'cli.backtest.opt.to' },
    bucket: { type: 'string', placeholder: 'duration', help: 'cli.backtest.opt.bucket' },
    json: { type: 'boolean', help: 'cli.backtest.opt.json' },
    'report-dir': { type: 'string', placeholder: 'dir', help: 'cli.backtest.opt.reportDir' },
  },
  exits: ['ok', 'failed', 'usage', 'partial'],
} as const;

export const backtest: Subcommand = defineCommand({
  ...DEFINITION,
  run: async (values, _positionals, io) => {
    const locale = io.locale ?? 'en';
    if (!values.plan) return usage(DEFINITION, io, t(locale, 'cli.error.missing', { option: '--plan' }));
    if (!values.mentions) return usage(DEFINITION, io, t(locale, 'cli.error.missing', { option: '--mentions' }));
    const config = loadConfig(process.env);
    const bucketMs = values.bucket ? parseDuration(values.bucket) : config.VIGIE_BUCKET;
    if (bucketMs === undefined) return usage(DEFINITION, io, t(locale, 'cli.error.duration', { option: '--bucket', value: values.bucket ?? '' }));
    const window: { from?: number; to?: number } = {};
    for (const [option, value] of [
      ['from', values.from],
      ['to', values.to],
    ] as const) {
      if (value === undefined) continue;
      const at = Date.parse(value);
      if (Number.isNaN(at)) return usage(DEFINITION, io, t(locale, 'cli.error.date', { option: `--${option}`, value }));
      window[option] = at;
    }
    let text: string;
    try {
      text = await readFile(values.plan, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      io.stderr.write(`vigie backtest: ${t(locale, 'cli.error.unreadable', { file: values.plan, reason })}\n`);
      return EXIT.failed;
    }
    let plan: Plan;
    try {
      plan = planFromFile(JSON.parse(text));
    } catch (error) {
      io.stderr.write(
        error instanceof z.ZodError
          ? `vigie backtest: ${t(locale, 'cli.error.invalidPlan', { file: values.plan, problems: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') })}\n`
          : `vigie backtest: ${t(locale, 'cli.error.invalidJson', { file: values.plan, reason: (error as Error).message })}\n`,
      );
      return EXIT.failed;
    }
    for (const role of QUERY_ROLES) {
      const query = plan.what[role];
      const problem = query === undefined ? undefined : validateQuery(query);
      if (problem) {
        const line = queryErrorLine(role, query ?? '', problem);
        io.stderr.write(`vigie backtest: ${t(locale, 'cli.error.invalidPlan', { file: values.plan, problems: t(locale, line.key, line.params) })}\n`);
        return EXIT.failed;
      }
    }
    let read: Awaited<ReturnType<typeof readMentions>>;
    try {
      read = await readMentions(values.mentions, io, window);
    } catch (error) {
      io.stderr.write(
        `vigie backtest: ${t(locale, 'cli.error.unreadable', { file: values.mentions, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`,
      );
      return EXIT.failed;
    }
    const detection = createDetection({ bucketMs, resolveAfterMs: config.VIGIE_RESOLVE_AFTER });
    const result = await runBacktest({
      plan,
      mentions: read.mentions,
      classifier: await loadDefaultClassifierWithLanguageId(),
      detection,
      http: createHttpClient({ allowPrivateUrls: false, timeoutMs: 1000, maxBytes: 1024, userAgent: config.VIGIE_USER_AGENT }),
      bucketMs,
      resolveAfterMs: config.VIGIE_RESOLVE_AFTER,
      logger: silentLogger,
    });
    if (values.json) io.stdout.write(`${JSON.stringify({ plan: plan.name, ...result }, null, 2)}\n`);
    else printText(result, plan, io);
    const reportDir = values['report-dir'];
    if (reportDir !== undefined) {
      const files = await writeReports(reportDir, result, plan, { detection, bucketMs, timeZone: config.VIGIE_TIMEZONE });
      io.stderr.write(`${files.map((f) => t(locale, 'cli.backtest.report', { file: f })).join('\n')}\n`);
    }
    return linesExit(read);
  },
});

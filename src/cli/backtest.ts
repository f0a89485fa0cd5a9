import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SourceKindSchema } from '../core/mention.js';
import type { Mention, SourceKind } from '../core/mention.js';
import { PLAN_SCHEMA_VERSION, PlanSchema, SensitivitySchema } from '../core/plan.js';
import { LocaleSchema } from '../i18n/locale.js';
import type { Plan } from '../core/plan.js';
import { buildAlertView } from '../core/alert-view.js';
import { parseDuration } from '../core/duration.js';
import { loadConfig } from '../config.js';
import { runBacktest } from '../app/backtest.js';
import type { BacktestResult } from '../app/backtest.js';
import { createDetection } from '../app/detection-binding.js';
import { loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import { createHttpClient } from '../sources/http.js';
import { silentLogger } from '../log.js';
import { translator } from '../i18n/catalog.js';
import { explanation, formatAt } from '../platforms/alert-text.js';
import type { CliIO, Subcommand } from './io.js';

/** A plan file: a full plan, or just what a backtest needs (the rest takes the defaults of a new plan). */
const PlanFileSchema = z.object({
  name: z.string().default('backtest'),
  what: z.object({ brand: z.string().min(1), news: z.string().optional(), competitors: z.string().optional() }),
  languages: z.array(z.string()).default([]),
  locale: LocaleSchema.default('en'),
  sensitivity: SensitivitySchema.default('normal'),
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
  };
}

/** Read mentions JSONL; a bad line is reported with its number and skipped. */
export async function readMentions(file: string, io: CliIO, window: { from?: number; to?: number }): Promise<Mention[]> {
  const mentions: Mention[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof MentionLineSchema>;
    try {
      parsed = MentionLineSchema.parse(JSON.parse(line));
    } catch (error) {
      io.stderr.write(
        `line ${n}: skipped, ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (error as Error).message}\n`,
      );
      continue;
    }
    const at = timeOf(parsed.created_at);
    if (at === undefined) {
      io.stderr.write(`line ${n}: skipped, created_at is not a date\n`);
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
  return mentions;
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
}

export const backtest: Subcommand = async (args, io) => {
  const options = {
    plan: { type: 'string' },
    mentions: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean', default: false },
    bucket: { type: 'string' },
  } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({
      args,
      options,
    }));
  } catch (error) {
    io.stderr.write(
      `vigie backtest: ${(error as Error).message}\nUsage: vigie backtest --plan plan.json --mentions mentions.jsonl [--from ISO] [--to ISO] [--bucket 5m] [--json]\n`,
    );
    return 2;
  }
  if (!values.plan || !values.mentions) {
    io.stderr.write('Usage: vigie backtest --plan plan.json --mentions mentions.jsonl [--from ISO] [--to ISO] [--bucket 5m] [--json]\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const bucketMs = values.bucket ? parseDuration(values.bucket) : config.VIGIE_BUCKET;
  if (bucketMs === undefined) {
    io.stderr.write(`vigie backtest: --bucket must be a duration such as 5m, got "${values.bucket}"\n`);
    return 2;
  }
  const window = {
    ...(values.from ? { from: Date.parse(values.from) } : {}),
    ...(values.to ? { to: Date.parse(values.to) } : {}),
  };
  if (Number.isNaN(window.from) || Number.isNaN(window.to)) {
    io.stderr.write('vigie backtest: --from and --to must be ISO 8601 dates\n');
    return 2;
  }
  let plan: Plan;
  try {
    plan = planFromFile(JSON.parse(await readFile(values.plan, 'utf8')));
  } catch (error) {
    io.stderr.write(
      `vigie backtest: the plan file ${values.plan} is not valid: ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message}\n`,
    );
    return 2;
  }
  const mentions = await readMentions(values.mentions, io, window);
  const result = await runBacktest({
    plan,
    mentions,
    classifier: await loadDefaultClassifierWithLanguageId(),
    detection: createDetection({ bucketMs, resolveAfterMs: config.VIGIE_RESOLVE_AFTER }),
    http: createHttpClient({ allowPrivateUrls: false, timeoutMs: 1000, maxBytes: 1024, userAgent: config.VIGIE_USER_AGENT }),
    bucketMs,
    resolveAfterMs: config.VIGIE_RESOLVE_AFTER,
    logger: silentLogger,
  });
  if (values.json) io.stdout.write(`${JSON.stringify({ plan: plan.name, ...result }, null, 2)}\n`);
  else printText(result, plan, io);
  return 0;
};

import type { SourceKind } from '../core/mention.js';
import type { Plan } from '../core/plan.js';
import type { ReplyLine } from '../core/commands/types.js';
import { describeSource } from '../core/commands/plan-edits.js';
import type { Store } from '../store/store.js';
import type { SourceHealth } from '../core/source-state.js';
import { sourceKey } from '../core/source-state.js';
import { formatTime } from './format.js';
import { chatDetail, sourceErrorMessage } from './source-error-text.js';

export interface StatusReport {
  nextPollAt: number | undefined;
  sources: Array<{ plan: string; source: string; health: SourceHealth | undefined; missing: string[] }>;
  dead: Array<{ sourceKey: string; error: string; at: number }>;
  /** The zone times are shown in (UTC when absent). */
  timeZone?: string;
}

export interface StatusDeps {
  store: Store;
  missingSettings(kind: SourceKind): string[];
  nextPollAt(): number | undefined;
  deadJobs(): Promise<Array<{ sourceKey: string; error: string; at: number }>>;
  /** The workspace's zone (`VIGIE_TIMEZONE`): a status covers several plans. */
  timeZone?: string;
}

/** Health of every source of the given plans (already scoped to the caller's workspace). */
export async function buildStatus(deps: StatusDeps, plans: Plan[]): Promise<StatusReport> {
  const sources: StatusReport['sources'] = [];
  const keys = new Set<string>();
  for (const plan of plans) {
    for (const spec of plan.sources) {
      const key = sourceKey(plan.id, spec.kind, spec.arg);
      keys.add(key);
      const state = await deps.store.sources.get(key);
      sources.push({ plan: plan.name, source: describeSource(spec), health: state?.health, missing: deps.missingSettings(spec.kind) });
    }
  }
  const dead = (await deps.deadJobs()).filter((d) => keys.has(d.sourceKey));
  return { nextPollAt: deps.nextPollAt(), sources, dead, timeZone: deps.timeZone ?? 'UTC' };
}

/** Error codes meaning the source gave no usable answer at all (network, HTTP status, time, rate limits). */
const DOWN_CODES = new Set(['timeout', 'unreachable', 'http_status', 'rate_limited']);
/** Error codes meaning the source answered, with something that could not be read. */
const UNREADABLE_CODES = new Set(['malformed', 'too_large']);

/**
 * One line for how the source is: down (no usable answer), answering with something that cannot be read,
 * failing otherwise (credentials, budget, argument), disabled, never polled, or OK.
 */
function healthLine(health: SourceHealth | undefined, missing: string[], timeZone: string): ReplyLine {
  if (missing.length > 0) return { key: 'cmd.status.disabled', params: { settings: missing.join(', ') } };
  if (health?.lastError && health.consecutiveFailures > 0) {
    const { code, message, status } = health.lastError;
    const key = DOWN_CODES.has(code) ? 'src.status.down' : UNREADABLE_CODES.has(code) ? 'src.status.unreadable' : 'cmd.status.failing';
    return {
      key,
      params: {
        failures: health.consecutiveFailures,
        error: sourceErrorMessage(code, message, status),
        retry: health.notBefore ? formatTime(health.notBefore, timeZone) : '-',
      },
    };
  }
  return { key: health?.lastSuccessAt ? 'cmd.status.ok' : 'cmd.status.never' };
}

/** What the last successful poll left out: skipped items, a document that broke off, page layouts not understood. */
function partialLines(health: SourceHealth | undefined): ReplyLine[] {
  const partial = health?.lastPartial;
  if (!partial || (health?.consecutiveFailures ?? 0) > 0) return [];
  const lines: ReplyLine[] = [];
  if (partial.skipped > 0) lines.push({ key: 'src.status.skipped', params: { count: partial.skipped, detail: partial.detail } });
  if (partial.cut) lines.push({ key: 'src.status.cut', params: { detail: partial.detail } });
  const layouts = partial.unknownLayouts ?? [];
  if (layouts.length > 0) lines.push({ key: 'src.status.layout', params: { count: layouts.length, pages: layouts.slice(0, 3).join(', ') } });
  return lines;
}

/** The last successful poll answered more than the per-poll cap: how many of its oldest items were left out. */
function overCapLines(health: SourceHealth | undefined): ReplyLine[] {
  const over = health?.lastOverCap;
  if (!over || (health?.consecutiveFailures ?? 0) > 0 || over.at !== health?.lastSuccessAt) return [];
  return [{ key: 'bounds.status.over_cap', params: { count: over.count, cap: over.cap, total: health.totalOverCap ?? over.count } }];
}

export function statusLines(report: StatusReport): ReplyLine[] {
  if (report.sources.length === 0) return [{ key: 'cmd.status.empty' }];
  const lines: ReplyLine[] = [
    {
      key: 'cmd.status.header',
      params: { count: report.sources.length, next: report.nextPollAt ? formatTime(report.nextPollAt, report.timeZone ?? 'UTC') : '-' },
    },
  ];
  for (const entry of report.sources) {
    const health = healthLine(entry.health, entry.missing, report.timeZone ?? 'UTC');
    lines.push({
      key: 'cmd.status.item',
      params: {
        plan: entry.plan,
        source: entry.source,
        lastPoll: entry.health?.lastPollAt ? formatTime(entry.health.lastPollAt, report.timeZone ?? 'UTC') : '-',
        items: entry.health?.lastItems ?? 0,
        total: entry.health?.totalItems ?? 0,
      },
    });
    lines.push(health, ...partialLines(entry.health), ...overCapLines(entry.health));
    const usage = entry.health?.usage;
    if (usage) lines.push({ key: 'cmd.status.usage', params: { used: usage.used, limit: usage.limit, period: usage.period } });
  }
  for (const dead of report.dead)
    lines.push({
      key: 'cmd.status.dead',
      params: { source: dead.sourceKey, error: chatDetail(dead.error), at: formatTime(dead.at, report.timeZone ?? 'UTC') },
    });
  return lines;
}

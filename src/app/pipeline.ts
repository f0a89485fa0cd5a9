import { randomUUID } from 'node:crypto';
import { engagementOf } from '../core/mention.js';
import type { Mention } from '../core/mention.js';
import { acceptsLanguage } from '../core/plan.js';
import type { Plan, SourceSpec } from '../core/plan.js';
import type { Bucket } from '../core/detect/types.js';
import type { Incident, Sample } from '../core/incident/incident.js';
import { classifyAll, type SentimentClassifier, type SentimentResult } from '../core/sentiment/types.js';
import { prepareText } from '../core/query/prepare.js';
import type { Store } from '../store/store.js';
import type { SourceHealth, SourceState } from '../core/source-state.js';
import { sourceKey } from '../core/source-state.js';
import { SourceError } from '../core/source-error.js';
import type { Source } from '../sources/source.js';
import type { HttpClient } from '../sources/http.js';
import type { PollJob } from '../schedule/scheduler.js';
import { nextAttemptAt } from '../schedule/backoff.js';
import type { Logger } from '../log.js';
import { createPlanQueries } from './plan-queries.js';
import { competitorKey } from '../core/competitors.js';
import type { DetectionPort, IncidentEvent } from './detection.js';
import type { AlertSink } from './alerts.js';
import { createRecentLinks } from './links.js';
import type { OverrideIndex } from '../core/corrections/overrides.js';
import { CORRECTIONS_MODEL } from '../core/alert-view.js';
import { mapInSlices, newestOf, yieldToLoop } from './slices.js';

/** Items matched in one slice before the event loop gets a turn (a few ms of work each). */
const MATCH_SLICE = 250;
/** Items classified in one slice (the built-in model takes well under a millisecond per post). */
const CLASSIFY_SLICE = 100;
/** Plans looked at by one tick between two turns of the event loop. */
const PLAN_SLICE = 50;
/**
 * Seen ids kept per source: five polls' worth at the cap, and never fewer than 10,000. A source answers again only
 * what it answered lately (a feed's window, a search's last page), so older ids only grow the store.
 */
export const seenPerSource = (maxItemsPerPoll: number): number => Math.max(10_000, 5 * maxItemsPerPoll);
import { createTermTallies } from './term-tallies.js';
import { termsOf, type TermTally } from '../core/keywords.js';

export interface SourceLookup {
  get(kind: SourceSpec['kind']): Source | undefined;
  /** The registered kinds: those whose source holds a connection are told which plans still use them. */
  kinds?(): SourceSpec['kind'][];
}

export interface PipelineDeps {
  store: Store;
  sources: SourceLookup;
  http: HttpClient;
  classifier: SentimentClassifier;
  /** A workspace's sentiment corrections as an override index (`app/corrections.ts`); none when absent. */
  overrides?: (scope: Plan['scope']) => Promise<OverrideIndex>;
  detection: DetectionPort;
  alerts: AlertSink;
  bucketMs: number;
  /** How far back the first poll's history may build buckets (the bucket retention). */
  historyMs: number;
  now(): number;
  logger: Logger;
  /** VIGIE_MAX_ITEMS_PER_POLL: items of one poll that go on, newest first; the rest are counted and left out. */
  maxItemsPerPoll: number;
  /** Count each plan's words for `suggest` (default true; a backtest does without). */
  keywordTallies?: boolean;
}

/** A mention that matched a plan, with its sentiment. */
export interface ScoredMention {
  mention: Mention;
  roles: string[];
  /** The competitors it names (by name), counted in their own series. */
  competitors: string[];
  /** It carries one of the brand's anchors (`core/keywords.ts`). */
  anchored: boolean;
  /** Title and text, as scored. */
  text: string;
  sentiment: SentimentResult;
}

/** Where a series' incident events go: the plan's alert thread, or a competitor's context message. */
interface SeriesSink {
  onEvents(incident: Incident, events: IncidentEvent[], live: boolean): Promise<Incident>;
  /** An incident opened in history and still spiking now (the plan's own series only). */
  catchUp?(incident: Incident): Promise<Incident>;
}

export interface IngestReport {
  fetched: number;
  fresh: number;
  matched: number;
  negative: number;
  /** Items over the per-poll cap, left out (the oldest ones). */
  overCap: number;
}

/**
 * The one-way flow of Vigie: source → mention → dedupe → match → sentiment → buckets (by publication time)
 * → detector → incident → alert queue. Polls, backtests and the `test` command all go through here.
 */
/** Negative posts kept per bucket until it is stepped (the most engaging). */
const EVIDENCE_PER_BUCKET = 500;

export function createPipeline(deps: PipelineDeps) {
  const { store, logger } = deps;
  const queries = createPlanQueries();
  const links = createRecentLinks({ perPlan: 1_000 });
  const terms = createTermTallies({ store, logger });

  const bucketOf = (at: number): number => Math.floor(at / deps.bucketMs) * deps.bucketMs;

  /** Add one mention to the bucket increments of its publication time; returns whether it was negative. */
  const addTo = (increments: Map<number, Bucket>, mention: Mention, sentiment: SentimentResult): boolean => {
    const start = bucketOf(mention.publishedAt);
    const bucket = increments.get(start) ?? { start, total: 0, negative: 0, engagement: 0 };
    bucket.total += 1;
    bucket.engagement += engagementOf(mention.metrics);
    if (sentiment.label === 'negative') bucket.negative += 1;
    increments.set(start, bucket);
    return sentiment.label === 'negative';
  };

  /**
   * Competitor mentions go to each competitor's own series (share of voice, and its own crisis when the plan asks):
   * never into the brand's counts. A post naming the brand and a competitor counts for both.
   */
  const countCompetitors = async (plan: Plan, scored: ScoredMention[], now: number): Promise<void> => {
    const series = new Map<string, Map<number, Bucket>>();
    const evidence = new Map<string, Map<number, Array<{ sample: Sample; weight: number }>>>();
    for (const { mention, sentiment, competitors } of scored) {
      for (const name of competitors) {
        const key = competitorKey(plan.id, name);
        const increments = series.get(key) ?? new Map<number, Bucket>();
        series.set(key, increments);
        if (!addTo(increments, mention, sentiment) || !plan.competitorAlerts) continue;
        const posts = evidence.get(key) ?? new Map<number, Array<{ sample: Sample; weight: number }>>();
        evidence.set(key, posts);
        const start = bucketOf(mention.publishedAt);
        posts.set(start, [...(posts.get(start) ?? []), { sample: toSample(mention, sentiment, now), weight: engagementOf(mention.metrics) }]);
      }
    }
    for (const [key, posts] of evidence) await store.evidence.add(key, posts, EVIDENCE_PER_BUCKET);
    for (const [key, increments] of series) await store.buckets.add(key, [...increments.values()]);
  };

  /** Match and score mentions for one plan; competitor-only mentions count in their competitor's series only. */
  const score = async (plan: Plan, mentions: Mention[]): Promise<ScoredMention[]> => {
    const matched = await mapInSlices(mentions, MATCH_SLICE, (slice) =>
      slice.flatMap((mention) => {
        const prepared = prepareText({ text: mention.text, title: mention.title, author: mention.author, lang: mention.lang });
        const roles = queries.rolesOf(plan, prepared);
        if (roles.length === 0) return [];
        const text = mention.title && !mention.text.startsWith(mention.title) ? `${mention.title}. ${mention.text}` : mention.text;
        return [
          {
            mention,
            roles,
            competitors: roles.includes('competitors') ? queries.competitorsIn(plan, prepared) : [],
            // A post the news or competitor query also matches is about the business too: as good as an anchor.
            anchored: roles.length > 1 || queries.anchored(plan, prepared),
            text,
          },
        ];
      }),
    );
    // A copy of a post this workspace corrected takes the corrected label, before (and instead of) the model.
    const index = deps.overrides && matched.length > 0 ? await deps.overrides(plan.scope) : undefined;
    const overridden = matched.map((m) => (index && index.size > 0 ? index.lookup(m.text) : undefined));
    const toModel = matched.filter((_, i) => overridden[i] === undefined);
    const scored = await mapInSlices(toModel, CLASSIFY_SLICE, (slice) =>
      classifyAll(
        deps.classifier,
        slice.map((m) => ({ text: m.text, ...(m.mention.lang ? { lang: m.mention.lang } : {}), languages: plan.languages })),
      ),
    );
    let next = 0;
    const sentiments = matched.map((m, i): SentimentResult => {
      const override = overridden[i];
      if (override === undefined) return scored[next++]!;
      return {
        label: override.label,
        confidence: override.similarity,
        lang: m.mention.lang ?? override.lang ?? 'und',
        correctedFrom: override.postId,
      };
    });
    return matched.flatMap(({ mention, roles, competitors, anchored, text }, i) => {
      const sentiment = sentiments[i]!;
      return acceptsLanguage(plan, mention.lang ?? sentiment.lang) ? [{ mention, roles, competitors, anchored, text, sentiment }] : [];
    });
  };

  const ingest = async (plan: Plan, key: string, mentions: Mention[], now: number): Promise<IngestReport> => {
    const inWindow = mentions.filter((m) => m.publishedAt >= now - deps.historyMs && m.publishedAt <= now + 5 * 60_000);
    // A source answering 100,000 items must not grow the store or hold the loop: its newest items go on, the rest is counted.
    const { kept: recent, over: overCap } = newestOf(inWindow, deps.maxItemsPerPoll);
    if (overCap > 0) await yieldToLoop();
    const freshIds = new Set(
      await store.seen.markNew(
        key,
        recent.map((m) => m.id),
        now,
        seenPerSource(deps.maxItemsPerPoll),
      ),
    );
    const fresh = recent.filter((m) => freshIds.has(m.id));
    const all = await score(plan, fresh);
    await countCompetitors(plan, all, now);
    const scored = all.filter((s) => s.roles.includes('brand') || s.roles.includes('news'));
    if (deps.keywordTallies !== false)
      await terms.add(
        plan.id,
        scored
          .filter((s) => s.roles.includes('brand'))
          .map((s) => ({ at: s.mention.publishedAt, terms: termsOf(s.text), negative: s.sentiment.label === 'negative', anchored: s.anchored })),
        now,
      );
    links.add(
      plan.id,
      scored.map((s) => s.mention),
      now,
    );
    const increments = new Map<number, Bucket>();
    const evidence = new Map<number, Array<{ sample: Sample; weight: number }>>();
    let negative = 0;
    for (const { mention, sentiment, roles } of scored) {
      if (!addTo(increments, mention, sentiment)) continue;
      negative += 1;
      const start = bucketOf(mention.publishedAt);
      evidence.set(start, [
        ...(evidence.get(start) ?? []),
        { sample: { ...toSample(mention, sentiment, now), matched: roles }, weight: engagementOf(mention.metrics) },
      ]);
    }
    // The evidence first: a bucket counted without its posts would open an incident that shows none.
    await store.evidence.add(plan.id, evidence, EVIDENCE_PER_BUCKET);
    await store.buckets.add(plan.id, [...increments.values()]);
    return { fetched: mentions.length, fresh: fresh.length, matched: scored.length, negative, overCap };
  };

  /**
   * Step one series' detector over every bucket that has closed since its last step, in order: the plan's own (its
   * brand and news), or a competitor's (`series` is then the plan under the competitor's key).
   */
  const stepSeries = async (series: Plan, now: number, sink: SeriesSink): Promise<void> => {
    const state = deps.detection.restore(await store.detector.get(series.id));
    // A bucket is closed one bucket after its end, so that items published in it and fetched late still count.
    const lastClosed = bucketOf(now) - 2 * deps.bucketMs;
    let next = deps.detection.nextBucket(state);
    if (next === undefined) {
      const first = (await store.buckets.range(series.id, now - deps.historyMs, lastClosed + deps.bucketMs))[0];
      if (!first) return;
      next = first.start;
    }
    if (next > lastClosed) return;
    next = Math.max(next, bucketOf(now - deps.historyMs));
    const stored = new Map((await store.buckets.range(series.id, next, lastClosed + deps.bucketMs)).map((b) => [b.start, b]));
    const feedback = await store.feedback.list(series.id);
    let open = await store.incidents.open(series.id);
    // Samples of buckets before `next` came late, for buckets already stepped: taken and dropped with the others.
    const pending = await store.evidence.take(series.id, lastClosed);
    let last: { alert: boolean; live: boolean } | undefined;
    for (let start = next; start <= lastClosed; start += deps.bucketMs) {
      const bucket = stored.get(start) ?? { start, total: 0, negative: 0, engagement: 0 };
      const decision = deps.detection.step(state, bucket, series, feedback, now);
      const live = start + deps.bucketMs >= now - deps.detection.liveWindowMs;
      last = { alert: decision.alert, live };
      const outcome = deps.detection.incident({ plan: series, open, decision, bucket, samples: pending.get(start) ?? [], live, now });
      if (outcome.incident) {
        // Saved before its messages are queued, so that no instance claims a message whose incident it cannot read.
        await store.incidents.save(outcome.incident);
        const incident = await sink.onEvents(outcome.incident, outcome.events, live);
        if (incident !== outcome.incident) await store.incidents.save(incident);
        open = incident.status === 'open' ? incident : undefined;
      }
    }
    if (open && last?.alert && last.live && sink.catchUp) {
      const caughtUp = await sink.catchUp(open);
      if (caughtUp !== open) await store.incidents.save(caughtUp);
    }
    await store.detector.save(series.id, state);
  };

  /** Step the plan's detector, then (with `competitor-alerts on`) each competitor's, under the plan's lock. */
  const advance = async (plan: Plan, now: number): Promise<void> => {
    await store.withPlanLock(plan.id, async () => {
      await stepSeries(plan, now, {
        onEvents: (incident, events, live) => deps.alerts.onEvents(plan, incident, events, live, now),
        catchUp: (incident) => deps.alerts.catchUp(plan, incident, now),
      });
      if (plan.competitorAlerts) {
        for (const name of queries.competitorNames(plan)) {
          await stepSeries({ ...plan, id: competitorKey(plan.id, name) }, now, {
            onEvents: (incident, events, live) => deps.alerts.onCompetitorEvents(plan, name, incident, events, live, now),
          });
        }
      }
    });
  };

  const health = (state: SourceState | undefined): SourceHealth => state?.health ?? { consecutiveFailures: 0 };

  /**
   * Polled too recently, or backing off: the source must not be fetched now. Checked when a tick lists due polls
   * and, for the scheduler's polls, again just before the fetch (`pollIfDue`), so that a poll queued twice, or a
   * restart, never fetches within the interval.
   */
  const waitingAt = (state: SourceState | undefined, source: Source, now: number): boolean =>
    (state?.health.notBefore !== undefined && state.health.notBefore > now) ||
    (state?.health.lastPollAt !== undefined && state.health.lastPollAt + source.minIntervalMs > now);

  /** The poll's requests go through a client that carries its abort signal, whichever source makes them. */
  const abortableHttp = (signal: AbortSignal | undefined): HttpClient =>
    signal
      ? { request: (url, init = {}) => deps.http.request(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal }) }
      : deps.http;

  /** Poll one source now (tests, benchmarks and `pollIfDue` call it). */
  const poll = async (job: PollJob, signal?: AbortSignal, onlyIfDue = false): Promise<void> => {
    const plan = await store.plans.getById(job.planId);
    if (plan?.status !== 'active') return;
    const spec = plan.sources.find((s) => sourceKey(plan.id, s.kind, s.arg) === job.sourceKey);
    if (!spec) return;
    const source = deps.sources.get(spec.kind);
    if (!source) return;
    // One id per poll ties together the lines of its fetch and its ingestion.
    const log = logger.child({ pollId: randomUUID().slice(0, 8), planId: plan.id, sourceKey: job.sourceKey });
    const previous = await store.sources.get(job.sourceKey);
    const now = deps.now();
    if (onlyIfDue && waitingAt(previous, source, now)) {
      log.debug('poll skipped: the source was polled less than its minimum interval ago', { lastPollAt: previous?.health.lastPollAt });
      return;
    }
    if (signal?.aborted) return;
    const base: SourceState = previous ?? { key: job.sourceKey, planId: plan.id, health: { consecutiveFailures: 0 } };
    try {
      const result = await source.fetch({
        plan,
        spec,
        cursor: base.cursor,
        ...(base.etag ? { etag: base.etag } : {}),
        ...(base.lastModified ? { lastModified: base.lastModified } : {}),
        health: health(previous),
        http: abortableHttp(signal),
        now,
        ...(signal ? { signal } : {}),
      });
      const report = result.notModified
        ? { fetched: 0, fresh: 0, matched: 0, negative: 0, overCap: 0 }
        : await ingest(plan, job.sourceKey, result.mentions, now);
      const {
        lastError: _cleared,
        disabled: _enabled,
        notBefore: _backoff,
        lastPartial: _previousPartial,
        lastOverCap: _previousOverCap,
        ...kept
      } = base.health;
      const partial = result.partial;
      const nextState: SourceState = {
        ...base,
        ...(result.cursor !== undefined ? { cursor: result.cursor } : {}),
        ...(result.etag ? { etag: result.etag } : {}),
        ...(result.lastModified ? { lastModified: result.lastModified } : {}),
        health: {
          ...kept,
          lastPollAt: now,
          lastSuccessAt: now,
          consecutiveFailures: 0,
          lastItems: report.fetched,
          totalItems: (base.health.totalItems ?? 0) + report.fresh,
          ...(partial ? { lastPartial: { ...partial, at: now }, totalSkipped: (base.health.totalSkipped ?? 0) + partial.skipped } : {}),
          ...(report.overCap > 0
            ? {
                lastOverCap: { count: report.overCap, cap: deps.maxItemsPerPoll, at: now },
                totalOverCap: (base.health.totalOverCap ?? 0) + report.overCap,
              }
            : {}),
          ...(result.usage ? { usage: result.usage } : {}),
          ...(result.notBefore ? { notBefore: result.notBefore } : {}),
        },
      };
      await store.sources.save(nextState);
      log.debug('polled', { ...report });
      // Kept items went on; what was left out is said here and in `status`.
      if (partial) log.warn('poll read in part', { skipped: partial.skipped, cut: partial.cut ?? false, detail: partial.detail });
      if (report.overCap > 0) log.warn('poll over the item cap: newest items kept', { overCap: report.overCap, cap: deps.maxItemsPerPoll });
    } catch (error) {
      if (signal?.aborted) {
        // Shutdown, not the source's fault: no failure counted, but the fetch did go out, so its time is kept.
        await store.sources.save({ ...base, health: { ...base.health, lastPollAt: now } });
        log.info('poll aborted by shutdown');
        return;
      }
      const failures = base.health.consecutiveFailures + 1;
      const sourceError = error instanceof SourceError ? error : undefined;
      const code = sourceError?.code ?? 'internal';
      const message = error instanceof Error ? error.message : String(error);
      await store.sources.save({
        ...base,
        health: {
          ...base.health,
          lastPollAt: now,
          consecutiveFailures: failures,
          lastError: { at: now, code, message, ...(sourceError?.status !== undefined ? { status: sourceError.status } : {}) },
          notBefore: nextAttemptAt(now, failures, sourceError?.retryAfterMs),
        },
      });
      // What the server said goes to the log only (truncated, secrets hidden), never to the stored health shown in chat.
      log.warn('poll failed', {
        code,
        error: message,
        failures,
        ...(sourceError?.status !== undefined ? { status: sourceError.status } : {}),
        ...(sourceError?.upstream !== undefined ? { upstream: sourceError.upstream } : {}),
      });
    }
    if (signal?.aborted) return;
    await advance(plan, deps.now());
  };

  /** Tell each source that holds a connection which active plans use it: a stream nobody uses is closed. */
  const retainSources = async (plans: Plan[]): Promise<void> => {
    for (const kind of deps.sources.kinds?.() ?? []) {
      const source = deps.sources.get(kind);
      if (!source?.retain) continue;
      await source.retain(new Set(plans.filter((p) => p.sources.some((s) => s.kind === kind)).map((p) => p.id)));
    }
  };

  const dueJobs = async (now: number): Promise<PollJob[]> => {
    const jobs: PollJob[] = [];
    const plans = await store.plans.listActive();
    await retainSources(plans);
    for (const [index, plan] of plans.entries()) {
      // A tick over a thousand plans must leave room for commands between its store reads.
      if (index > 0 && index % PLAN_SLICE === 0) await yieldToLoop();
      for (const spec of plan.sources) {
        const key = sourceKey(plan.id, spec.kind, spec.arg);
        const source = deps.sources.get(spec.kind);
        if (!source) continue;
        const state = await store.sources.get(key);
        const missing = source.missingSettings();
        if (missing.length > 0) {
          if (!state?.health.disabled) {
            await store.sources.save({
              key,
              planId: plan.id,
              ...(state ?? {}),
              health: { ...health(state), disabled: { code: 'missing_credentials', setting: missing.join(', ') } },
            });
          }
          continue;
        }
        if (waitingAt(state, source, now)) continue;
        jobs.push({ planId: plan.id, sourceKey: key });
      }
    }
    return jobs;
  };

  return {
    poll,
    /** What the scheduler runs: the poll, unless the source was fetched within its minimum interval meanwhile. */
    pollIfDue: (job: PollJob, signal: AbortSignal): Promise<void> => poll(job, signal, true),
    dueJobs,
    ingest,
    advance,
    score,
    /** A plan's daily word counts of the last 7 days, for `suggest`. */
    termTally: (planId: string): Promise<TermTally | undefined> => terms.read(planId),
    /** The names of a plan's competitors, as counted (`core/competitors.ts`). */
    competitorNames: (plan: Plan): string[] => queries.competitorNames(plan),
    /** Links seen in a plan's recent mentions (their own URL and URLs in their text): where petitions are found. */
    linksSince: async (planId: string, since: number): Promise<string[]> => links.since(planId, since),
    plansChanged(planIds: string[] = []): void {
      for (const id of planIds) queries.forget(id);
      // A removed or paused plan, or a source taken off, may leave a stream with nobody to listen for.
      store.plans
        .listActive()
        .then(retainSources)
        .catch((error: unknown) => logger.warn('could not tell the sources which plans use them', { error }));
    },
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;

function toSample(mention: Mention, sentiment: SentimentResult, now: number): Sample {
  const minutes = Math.max(1, (now - mention.publishedAt) / 60_000);
  const engagement = engagementOf(mention.metrics);
  // The language the post was scored in, when the source did not say: a correction of it becomes a training row, and
  // reports and exports show it.
  const detected = mention.lang === undefined && !sentiment.lang.includes('+') && sentiment.lang !== 'und' ? { lang: sentiment.lang } : {};
  return {
    ...mention,
    ...detected,
    sentiment: sentiment.label,
    confidence: sentiment.confidence,
    ...(sentiment.model ? { sentimentModel: sentiment.model } : {}),
    ...(sentiment.correctedFrom ? { sentimentModel: CORRECTIONS_MODEL } : {}),
    ...(mention.metrics ? { velocity: engagement / minutes } : {}),
  };
}

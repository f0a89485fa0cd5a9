import type { Mention } from '../core/mention.js';
import type { Plan } from '../core/plan.js';
import type { Incident } from '../core/incident/incident.js';
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { createMemoryStore } from '../store/lowdb.js';
import type { HttpClient } from '../sources/http.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { competitorKey, shareOfVoice, type VoiceShare } from '../core/competitors.js';
import { createPipeline } from './pipeline.js';
import type { DetectionPort, IncidentEvent } from './detection.js';
import type { AlertSink } from './alerts.js';

export interface BacktestEvent {
  type: IncidentEvent['type'];
  /** Start of the bucket that caused the event. */
  at: number;
  incident: Incident;
  /** A competitor's own crisis (with `competitorAlerts` on the plan): the context message that would have gone out. */
  competitor?: string;
}

export interface BacktestResult {
  mentions: number;
  matched: number;
  negative: number;
  events: BacktestEvent[];
  /** Final state of every incident, in opening order. */
  incidents: Incident[];
  /** The replay's memory store as the replay left it (buckets, detector state, incidents): for charts of it. */
  store: Store;
  /** Brand beside each competitor over the whole replay. */
  shareOfVoice: VoiceShare[];
}

const FOREVER = Number.MAX_SAFE_INTEGER;

/**
 * Replays a history of mentions through the live pipeline — matching, sentiment, buckets, detector, incidents —
 * with a clock that advances bucket by bucket, and records the incidents that would have opened, updated and
 * resolved. Nothing is stored outside memory and nothing is sent.
 */
export async function runBacktest(input: {
  plan: Plan;
  mentions: Mention[];
  classifier: SentimentClassifier;
  detection: DetectionPort;
  http: HttpClient;
  bucketMs: number;
  resolveAfterMs: number;
  logger: Logger;
  /** Stop the replay's clock here (default: until every incident had time to resolve). */
  until?: number;
}): Promise<BacktestResult> {
  const { plan, bucketMs } = input;
  const sorted = [...input.mentions].sort((a, b) => a.publishedAt - b.publishedAt);
  const events: BacktestEvent[] = [];
  const store = createMemoryStore({ seenMs: FOREVER, bucketMs: FOREVER, incidentMs: FOREVER });
  const recorder: AlertSink = {
    async onEvents(_plan, incident, incidentEvents) {
      for (const event of incidentEvents) events.push({ type: event.type, at: incident.lastBucketAt, incident: structuredClone(incident) });
      return incident;
    },
    async onCompetitorEvents(_plan, competitor, incident, incidentEvents) {
      for (const event of incidentEvents)
        events.push({ type: event.type, at: incident.lastBucketAt, incident: structuredClone(incident), competitor });
      return incident;
    },
    // In a replay every bucket is live when it closes: there is no history to catch up on.
    catchUp: async (_plan, incident) => incident,
  };
  const pipeline = createPipeline({
    store,
    sources: { get: () => undefined },
    http: input.http,
    classifier: input.classifier,
    detection: { ...input.detection, liveWindowMs: FOREVER },
    alerts: recorder,
    bucketMs,
    historyMs: FOREVER,
    // A replay feeds a whole archive in one go: no per-poll cap.
    maxItemsPerPoll: Number.POSITIVE_INFINITY,
    keywordTallies: false,
    now: () => 0,
    logger: input.logger,
  });
  await store.plans.save(plan);
  const first = sorted[0];
  const last = sorted.at(-1);
  let matched = 0;
  let negative = 0;
  if (first && last) {
    const key = `${plan.id}|backtest|`;
    const end = input.until ?? last.publishedAt + input.resolveAfterMs + 4 * bucketMs;
    let index = 0;
    for (let start = Math.floor(first.publishedAt / bucketMs) * bucketMs; start <= end; start += bucketMs) {
      const batch: Mention[] = [];
      const now = start + bucketMs;
      if (input.until !== undefined && now > input.until) break;
      while (index < sorted.length && sorted[index]!.publishedAt < now) batch.push(sorted[index++]!);
      if (batch.length > 0) {
        const report = await pipeline.ingest(plan, key, batch, now);
        matched += report.matched;
        negative += report.negative;
      }
      await pipeline.advance(plan, now);
    }
  }
  const incidents = (await store.incidents.list(plan.id, FOREVER)).sort((a, b) => a.openedAt - b.openedAt);
  const competitors = await Promise.all(
    pipeline.competitorNames(plan).map(async (name) => ({ name, buckets: await store.buckets.range(competitorKey(plan.id, name), 0, FOREVER) })),
  );
  const voice = shareOfVoice(await store.buckets.range(plan.id, 0, FOREVER), competitors);
  return { mentions: sorted.length, matched, negative, events, incidents, store, shareOfVoice: voice };
}

import WebSocket from 'ws';
import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import type { Plan } from '../core/plan.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { postUrl } from './bluesky.js';
import { matcherOf } from './plan-query.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { noArgument } from './arg-error.js';
import { FacetsSchema, textWithLinks } from './bluesky-text.js';

export interface BlueskyStreamSettings {
  /** VIGIE_BLUESKY_STREAM_URL: Jetstream instance, default wss://jetstream2.us-east.bsky.network. */
  blueskyStreamUrl: string;
  /** Posts kept per plan between two polls; beyond it the oldest are dropped (and logged). Default 5,000. */
  blueskyStreamBuffer?: number;
  /** Rewind on reconnect, so that no post of the moment of the drop is missed (duplicates are removed). Default 5 s. */
  blueskyStreamRewindMs?: number;
  /** First delay before reconnecting; doubles up to a minute while the stream stays down. Default 1 s. */
  blueskyStreamReconnectMs?: number;
  /** A stream down for longer than this makes polls fail, so that `status` shows it. Default 5 minutes. */
  blueskyStreamDownAlertMs?: number;
  /**
   * A plan not polled for this long is forgotten, and with none left the connection is closed: the instances that are
   * not told of a plan's removal (several instances, one of them ran the command) hang up too. Default 1 hour.
   */
  blueskyStreamIdleMs?: number;
  /** Which posts concern a plan; default: the plan's queries (plan-query `matcherOf`). */
  blueskyStreamMatch?: (plan: Plan) => (text: string, lang: string | undefined) => boolean;
  logger?: Logger;
}

/** One WebSocket for the whole process; each plan's polls drain what matched it since its last poll. */
export interface JetstreamHub {
  /** Connect if not connected yet; `resumeUs` replays from that time (a cursor saved before a restart). */
  start(resumeUs?: number): void;
  /** Make sure posts are matched against this plan from now on (refreshes its query). */
  watch(plan: Plan, now: number): void;
  /**
   * Posts matched for the plan and not drained yet, oldest first, skipping those at or before `afterUs` (already
   * delivered before a restart replayed them), and the stream time they reach.
   */
  drain(planId: string, afterUs?: number): { posts: Mention[]; timeUs: number | undefined; dropped: number };
  /** Since when the stream has been down or connecting (epoch ms), or undefined while connected or not started. */
  downSince(): number | undefined;
  /** The service's last refusal of the connection (HTTP status or close code), until a connection opens again. */
  refusal(): Refusal | undefined;
  /** The plans that use the stream now: the others are forgotten, and with none left the connection is closed. */
  retain(planIds: ReadonlySet<string>): Promise<void>;
  close(): Promise<void>;
}

/** The service said no: an HTTP status instead of the WebSocket upgrade, or a close code meaning "not you". */
export interface Refusal {
  at: number;
  status?: number;
  closeCode?: number;
  reason: string;
}

const POST = 'app.bsky.feed.post';
/** A plan not polled for this long is forgotten (removed or paused): its posts stop being buffered. */
const FORGET_AFTER_MS = 3_600_000;
/** Jetstream keeps about a day of events; a saved cursor older than this is not worth replaying. */
const MAX_REPLAY_US = 3_600_000_000;
const MAX_RECONNECT_MS = 60_000;

const EventSchema = z.object({
  did: z.string(),
  time_us: z.number(),
  kind: z.string(),
  commit: z
    .object({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string(),
      record: z
        .object({ text: z.string().optional(), createdAt: z.string().optional(), langs: z.array(z.string()).optional(), facets: FacetsSchema })
        .passthrough()
        .optional(),
    })
    .optional(),
});

const StreamCursorSchema = z.object({ timeUs: z.number() });

interface Watched {
  match: (text: string, lang: string | undefined) => boolean;
  polledAt: number;
  buffer: Array<{ timeUs: number; mention: Mention }>;
  dropped: number;
}

export function createJetstreamHub(settings: BlueskyStreamSettings): JetstreamHub {
  const log = settings.logger ?? silentLogger;
  const capacity = settings.blueskyStreamBuffer ?? 5000;
  const rewindUs = (settings.blueskyStreamRewindMs ?? 5000) * 1000;
  const firstDelay = settings.blueskyStreamReconnectMs ?? 1000;
  const matchOf = settings.blueskyStreamMatch ?? matcherOf;
  const plans = new Map<string, Watched>();
  // did/rkey of recent posts, to drop the replayed ones after a reconnect with a rewind.
  const recent = new Map<string, number>();
  let lastUs: number | undefined;
  let socket: WebSocket | undefined;
  let started = false;
  let closed = false;
  let down: number | undefined;
  let refused: Refusal | undefined;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const idleMs = settings.blueskyStreamIdleMs ?? FORGET_AFTER_MS;

  function onEvent(raw: WebSocket.RawData): void {
    let event: z.infer<typeof EventSchema>;
    try {
      const parsed = EventSchema.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success) return;
      event = parsed.data;
    } catch {
      log.warn('bluesky-stream: unreadable event skipped');
      return;
    }
    if (lastUs === undefined || event.time_us > lastUs) lastUs = event.time_us;
    const commit = event.commit;
    if (event.kind !== 'commit' || commit?.operation !== 'create' || commit.collection !== POST || !commit.record?.text) return;
    const key = `${event.did}/${commit.rkey}`;
    if (recent.has(key)) return;
    recent.set(key, event.time_us);
    // Keys arrive in time order: the oldest are first, and only those older than two rewinds can go.
    for (const [k, t] of recent) {
      if (t >= event.time_us - 2 * rewindUs) break;
      recent.delete(k);
    }
    const text = textWithLinks(commit.record.text, commit.record.facets);
    const lang = commit.record.langs?.[0]?.slice(0, 2).toLowerCase();
    const created = commit.record.createdAt ? Date.parse(commit.record.createdAt) : Number.NaN;
    const seen = Math.floor(event.time_us / 1000);
    let mention: Mention | undefined;
    for (const [planId, watched] of plans) {
      if (!watched.match(text, lang)) continue;
      const uri = `at://${event.did}/${POST}/${commit.rkey}`;
      mention ??= {
        id: uri,
        sourceKind: 'bluesky-stream',
        url: postUrl(uri, event.did),
        author: event.did,
        text,
        ...(lang ? { lang } : {}),
        // A client's clock can be ahead: never later than the relay saw it.
        publishedAt: Number.isNaN(created) ? seen : Math.min(created, seen),
      };
      watched.buffer.push({ timeUs: event.time_us, mention });
      if (watched.buffer.length > capacity) {
        watched.buffer.shift();
        watched.dropped += 1;
        if (watched.dropped % 1000 === 1) log.warn('bluesky-stream: buffer full, oldest posts dropped', { planId, dropped: watched.dropped });
      }
    }
  }

  /** Forget the plans nobody polled for `idleMs`; with none left, hang up. */
  async function release(keep: (id: string, watched: Watched) => boolean): Promise<void> {
    for (const [id, watched] of plans) if (!keep(id, watched)) plans.delete(id);
    if (plans.size > 0 || !started) return;
    // Nobody uses the stream any more: hang up rather than read the whole firehose for no one. A later poll starts it again.
    started = false;
    down = undefined;
    refused = undefined;
    log.info('bluesky-stream: no plan uses the stream, disconnecting');
    await hangUp();
  }

  async function hangUp(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (idleTimer) clearInterval(idleTimer);
    idleTimer = undefined;
    const ws = socket;
    socket = undefined;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }

  function connect(cursorUs: number | undefined): void {
    const url = new URL('subscribe', settings.blueskyStreamUrl.endsWith('/') ? settings.blueskyStreamUrl : `${settings.blueskyStreamUrl}/`);
    url.searchParams.set('wantedCollections', POST);
    if (cursorUs !== undefined) url.searchParams.set('cursor', String(cursorUs));
    const ws = new WebSocket(url);
    socket = ws;
    ws.on('open', () => {
      down = undefined;
      refused = undefined;
      delay = firstDelay;
      log.info('bluesky-stream: connected', { cursor: cursorUs });
    });
    ws.on('message', onEvent);
    // An HTTP answer instead of the upgrade (403, 429…): the service refuses us, which `status` must say.
    ws.on('unexpected-response', (_request, response) => {
      refused = { at: Date.now(), status: response.statusCode ?? 0, reason: response.statusMessage ?? '' };
      log.warn('bluesky-stream: the service refused the connection', { status: response.statusCode, url: url.origin });
      response.resume();
      ws.terminate();
    });
    ws.on('error', (error) => log.warn('bluesky-stream: connection error', { error }));
    ws.on('close', (code, reason) => {
      if (socket !== ws) return;
      socket = undefined;
      down ??= Date.now();
      // 1008 (policy violation) and the 4000s are the service closing on us on purpose, not a network drop.
      if (code === 1008 || (code >= 4000 && code < 5000)) refused = { at: Date.now(), closeCode: code, reason: reason.toString() };
      if (closed || !started) return;
      // Resume a little before the last event: Jetstream cursors are times, and events of one instant may straddle the drop.
      const resume = lastUs !== undefined ? lastUs - rewindUs : cursorUs;
      timer = setTimeout(() => connect(resume), delay);
      delay = Math.min(MAX_RECONNECT_MS, delay * 2);
    });
  }

  return {
    start(resumeUs) {
      if (started) return;
      started = true;
      down = Date.now();
      idleTimer = setInterval(
        () => {
          release((_id, watched) => Date.now() - watched.polledAt <= idleMs).catch((error: unknown) =>
            log.warn('bluesky-stream: could not hang up', { error }),
          );
        },
        Math.max(10, idleMs / 4),
      );
      idleTimer.unref();
      const replayable = resumeUs !== undefined && Date.now() * 1000 - resumeUs < MAX_REPLAY_US;
      connect(replayable ? resumeUs - rewindUs : undefined);
    },
    watch(plan, now) {
      const existing = plans.get(plan.id);
      plans.set(plan.id, { match: matchOf(plan), polledAt: now, buffer: existing?.buffer ?? [], dropped: existing?.dropped ?? 0 });
      for (const [id, watched] of plans) if (now - watched.polledAt > idleMs) plans.delete(id);
    },
    drain(planId, afterUs) {
      const watched = plans.get(planId);
      const posts = (watched?.buffer.splice(0) ?? []).filter((b) => afterUs === undefined || b.timeUs > afterUs).map((b) => b.mention);
      const dropped = watched?.dropped ?? 0;
      if (watched) watched.dropped = 0;
      return { posts, timeUs: lastUs, dropped };
    },
    downSince: () => down,
    refusal: () => refused,
    retain: (planIds) => release((id) => planIds.has(id)),
    async close() {
      closed = true;
      await hangUp();
    },
  };
}

/**
 * Bluesky through the public Jetstream firehose: no account, no search quota. The pipeline polls it like any
 * other kind; each poll returns the posts that matched the plan since the previous one.
 */
export function createBlueskyStreamSource(settings: BlueskyStreamSettings & { jetstreamHub?: JetstreamHub }): Source & { close(): Promise<void> } {
  const hub = settings.jetstreamHub ?? createJetstreamHub(settings);
  const downAlertMs = settings.blueskyStreamDownAlertMs ?? 300_000;
  return {
    kind: 'bluesky-stream',
    minIntervalMs: 30_000,
    normaliseArg: noArgument('bluesky-stream'),
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = StreamCursorSchema.safeParse(ctx.cursor);
      hub.start(previous.success ? previous.data.timeUs : undefined);
      hub.watch(ctx.plan, ctx.now);
      const after = previous.success ? previous.data.timeUs : undefined;
      const { posts, timeUs, dropped } = hub.drain(ctx.plan.id, after);
      const refusal = hub.refusal();
      if (posts.length === 0 && refusal) throw refusalError(refusal);
      const down = hub.downSince();
      if (posts.length === 0 && down !== undefined && Date.now() - down > downAlertMs) {
        throw new SourceError(
          'unreachable',
          `bluesky-stream: the Jetstream connection has been down since ${new Date(down).toISOString()}; reconnecting`,
        );
      }
      if (dropped > 0) (settings.logger ?? silentLogger).warn('bluesky-stream: posts dropped between two polls', { planId: ctx.plan.id, dropped });
      return {
        mentions: posts,
        ...(timeUs !== undefined && (after === undefined || timeUs > after)
          ? { cursor: { timeUs } }
          : previous.success
            ? { cursor: previous.data }
            : {}),
      };
    },
    retain: (planIds) => hub.retain(planIds),
    close: () => hub.close(),
  };
}

/** A refusal as the poll's failure, so that `status` says the service refuses the stream rather than "OK". */
function refusalError(refusal: Refusal): SourceError {
  const what = refusal.status !== undefined ? `HTTP ${refusal.status}` : `close code ${refusal.closeCode}`;
  const message = `bluesky-stream: the Jetstream service refused the connection (${what}${refusal.reason ? ` ${refusal.reason}` : ''}); retrying`;
  if (refusal.status === 401 || refusal.status === 403) return new SourceError('unauthorized', message, { status: refusal.status });
  if (refusal.status === 429) return new SourceError('rate_limited', message, { status: refusal.status });
  return new SourceError('http_status', message, refusal.status !== undefined ? { status: refusal.status } : {});
}

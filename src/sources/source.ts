import type { Mention, SourceKind } from '../core/mention.js';
import type { Plan, SourceSpec } from '../core/plan.js';
import type { PartialRead, SourceHealth } from '../core/source-state.js';
import type { HttpClient } from './http.js';

export interface FetchContext {
  plan: Plan;
  spec: SourceSpec;
  /** Opaque cursor the source returned last time (undefined on the first poll). */
  cursor: unknown;
  etag?: string;
  lastModified?: string;
  /** Health so far, e.g. for paid-API usage counters. */
  health: SourceHealth;
  http: HttpClient;
  now: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  mentions: Mention[];
  cursor?: unknown;
  etag?: string;
  lastModified?: string;
  /** The server answered 304: nothing new. */
  notModified?: boolean;
  usage?: SourceHealth['usage'];
  /** Ask the scheduler not to poll this source before then (e.g. a read budget running out). */
  notBefore?: number;
  /** The answer was read in part (items skipped, document cut, page layout not understood): what was kept is in `mentions`. */
  partial?: PartialRead;
}

/** One kind of source. A new kind is one new file implementing this, registered in `registry.ts`. */
export interface Source {
  readonly kind: SourceKind;
  /** Check a `source <plan> <kind> [arg]` argument; returns a normalised argument or throws SourceError('invalid_argument'). */
  normaliseArg(arg: string | undefined): string | undefined;
  /** Settings this kind needs and that are missing: the source is disabled and `status` names them. */
  missingSettings(): string[];
  /** Shortest interval between two polls of one source of this kind, to respect the platform's limits. */
  readonly minIntervalMs: number;
  fetch(ctx: FetchContext): Promise<FetchResult>;
  /**
   * The plans that use this kind now (told after every change of plans and on every scheduler tick): a source that
   * holds a connection open for its plans lets go of the others, and closes it when none remain.
   */
  retain?(planIds: ReadonlySet<string>): Promise<void>;
}

/** One poll to run: one source of one plan. */
export interface PollJob {
  planId: string;
  sourceKey: string;
}

export interface SchedulerDeps {
  /** node-cron expression (seconds field allowed). */
  cron: string;
  /** Polls of one tick are spread over this window so that sources are not all hit at the same second. */
  jitterMs: number;
  /** Jobs that are due at this tick (active plans, sources not backing off). */
  dueJobs(now: number): Promise<PollJob[]>;
  /**
   * Run one poll; the scheduler guarantees no two runs of the same source overlap. `signal` aborts the poll's
   * requests when the process shuts down.
   */
  runJob(job: PollJob, signal: AbortSignal): Promise<void>;
}

/** Drives polls. node-cron in one process (`cron.ts`); a distributed job queue can replace it. */
export interface Scheduler {
  start(): Promise<void>;
  /** Stop ticking and wait for polls in flight. */
  stop(): Promise<void>;
  isRunning(): boolean;
  /** Dead or failing jobs, for `status` (empty for the in-process scheduler). */
  deadJobs(): Promise<Array<{ sourceKey: string; error: string; at: number }>>;
}

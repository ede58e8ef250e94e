/**
 * A queue of background jobs shared by every instance (pg-boss on PostgreSQL) or kept in this
 * process (the embedded default). Delivery is at least once: a job whose instance died, or whose
 * handler threw, is run again, on any instance, so handlers must be idempotent by job id (store
 * results keyed by it). Jobs of one kind carry a payload the kind validates when it reads it back.
 *
 * Usage (a kind is registered on every instance that should run it, before jobs are sent):
 *
 *   await queue.register({ name: 'model-train', parse: TrainJob.parse, concurrency: 1,
 *     expireInSeconds: 1800, retryLimit: 2, handle: async (job) => { ... },
 *     onDeadLetter: async (job, error) => { ...record it failed... } });
 *   await queue.enqueue('model-train', [{ id: 'train-123', data: {...} }]);
 */
export interface QueuedJob<P> {
  /** Unique per job of a kind; enqueueing an id the queue still holds adds nothing. */
  id: string;
  data: P;
}

export interface JobKind<P> {
  /** The queue's name: letters, digits, `-` and `_`. */
  name: string;
  /** Validates a payload read back from the queue (e.g. a zod schema's `parse`). */
  parse: (data: unknown) => P;
  /** Jobs this instance runs at once (each is usually one worker thread's work). */
  concurrency: number;
  /**
   * How long a job may run before it counts as lost: its handler is abandoned and the job tried
   * again. This is also how long a dead instance's job waits before another instance takes it.
   */
  expireInSeconds: number;
  /** Tries after the first, for a lost job or a handler that threw. */
  retryLimit: number;
  handle: (job: QueuedJob<P>) => Promise<void>;
  /** Once, when a job has used up its tries: the kind records it as failed. */
  onDeadLetter?: (job: QueuedJob<P>, error: string) => Promise<void>;
}

export interface JobQueue {
  /** 'pg-boss' or 'in-process'. */
  readonly kind: string;
  /** True when queued jobs outlive every instance (a restart needs not re-enqueue them). */
  readonly durable: boolean;
  /** Starts pulling this kind's jobs on this instance. */
  register<P>(kind: JobKind<P>): Promise<void>;
  /** Adds jobs; ids already queued or running are skipped. The kind must be registered here. */
  enqueue<P>(kind: string, jobs: readonly QueuedJob<P>[]): Promise<void>;
  /** Queued jobs with these ids never start; running ones are not interrupted. */
  cancel(kind: string, ids: readonly string[]): Promise<void>;
  /** Stops pulling; with `graceful`, waits for running handlers. Safe to call twice. */
  close(options?: { graceful?: boolean }): Promise<void>;
}

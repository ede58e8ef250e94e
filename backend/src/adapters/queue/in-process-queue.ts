import type { Logger } from 'pino';
import type { JobKind, JobQueue, QueuedJob } from '../../ports/job-queue.js';

interface Entry {
  job: QueuedJob<unknown>;
  tries: number;
}

interface Lane {
  kind: JobKind<unknown>;
  waiting: Entry[];
  /** Ids queued or running, so a second enqueue of one adds nothing (as pg-boss does). */
  held: Set<string>;
  running: number;
}

/**
 * The queue of the embedded default (one process, PGlite): FIFO per kind, `concurrency` handlers
 * at once, the same retry and dead-letter rules as the pg-boss adapter. Not durable: a restart
 * forgets queued jobs, so their owners re-enqueue what is unfinished when they start.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process';
  readonly durable = false;
  private readonly lanes = new Map<string, Lane>();
  private readonly active = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly o: { logger: Logger }) {}

  register<P>(kind: JobKind<P>): Promise<void> {
    this.lanes.set(kind.name, {
      kind: kind as JobKind<unknown>,
      waiting: [],
      held: new Set(),
      running: 0,
    });
    return Promise.resolve();
  }

  enqueue<P>(name: string, jobs: readonly QueuedJob<P>[]): Promise<void> {
    const lane = this.lane(name);
    for (const job of jobs) {
      if (lane.held.has(job.id)) continue;
      lane.held.add(job.id);
      // Through JSON, as a payload crossing pg-boss would be: no shared references.
      lane.waiting.push({
        job: { id: job.id, data: JSON.parse(JSON.stringify(job.data)) as unknown },
        tries: 0,
      });
    }
    this.pump(lane);
    return Promise.resolve();
  }

  cancel(name: string, ids: readonly string[]): Promise<void> {
    const lane = this.lane(name);
    const drop = new Set(ids);
    lane.waiting = lane.waiting.filter((e) => {
      if (!drop.has(e.job.id)) return true;
      lane.held.delete(e.job.id);
      return false;
    });
    return Promise.resolve();
  }

  async close(options?: { graceful?: boolean }): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) lane.waiting = [];
    if (options?.graceful !== false) await Promise.all(this.active);
  }

  private lane(name: string): Lane {
    const lane = this.lanes.get(name);
    if (!lane) throw new Error(`job kind ${name} is not registered on this queue`);
    return lane;
  }

  private pump(lane: Lane): void {
    while (!this.closed && lane.running < lane.kind.concurrency && lane.waiting.length > 0) {
      const entry = lane.waiting.shift();
      if (!entry) break;
      lane.running++;
      const run = this.run(lane, entry).finally(() => {
        this.active.delete(run);
        lane.running--;
        this.pump(lane);
      });
      this.active.add(run);
    }
  }

  private async run(lane: Lane, entry: Entry): Promise<void> {
    const { kind } = lane;
    entry.tries++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const data = kind.parse(entry.job.data);
      await Promise.race([
        kind.handle({ id: entry.job.id, data }),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('job expired in active state')),
            kind.expireInSeconds * 1000,
          );
          timer.unref();
        }),
      ]);
      lane.held.delete(entry.job.id);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (entry.tries <= kind.retryLimit && !this.closed) {
        this.o.logger.warn({ err, job: entry.job.id, kind: kind.name }, 'job failed; retrying');
        lane.waiting.push(entry);
        return;
      }
      lane.held.delete(entry.job.id);
      this.o.logger.error({ err, job: entry.job.id, kind: kind.name }, 'job failed for good');
      await kind
        .onDeadLetter?.({ id: entry.job.id, data: kind.parse(entry.job.data) }, error)
        .catch((e: unknown) => this.o.logger.error({ err: e }, 'dead-letter handler failed'));
    } finally {
      clearTimeout(timer);
    }
  }
}

import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobKind, JobQueue, QueuedJob } from '../../ports/job-queue.js';

export interface PgBossQueueOptions {
  connectionString: string;
  /** pg-boss keeps its tables in this schema (created on start). */
  schema: string;
  logger: Logger;
  /** An idle worker asks for a job this often (a busy one asks again as soon as it finishes). */
  pollingIntervalSeconds?: number;
  /** How often one instance expires lost jobs (pg-boss supervision); bounds a dead instance's delay. */
  maintenanceIntervalSeconds?: number;
  /** Connections of this instance's pg-boss pool. */
  maxConnections?: number;
}

/** What travels in a pg-boss job: the caller's id (pg-boss ids are UUIDs) and its payload. */
interface Envelope {
  id: string;
  data: unknown;
}

/** A stable UUID per kind and caller id, so an enqueue repeated anywhere inserts nothing new. */
export function jobUuid(kind: string, id: string): string {
  const h = createHash('sha256').update(`${kind}\0${id}`).digest('hex');
  // Version 5 layout (name-based), so it passes as a UUID everywhere.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const deadQueue = (name: string) => `${name}__dead`;

/**
 * Jobs in PostgreSQL through pg-boss 10 (SKIP LOCKED fetches, so each job goes to one worker of
 * one instance). A job of a dead instance stays active until its kind's `expireInSeconds`, then
 * pg-boss's supervision (run by one instance at a time) puts it back for any instance to take;
 * after `retryLimit` tries it moves to the kind's dead-letter queue, whose worker calls
 * `onDeadLetter` once.
 */
export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss';
  readonly durable = true;
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly o: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: o.connectionString,
      schema: o.schema,
      max: o.maxConnections ?? 4,
      maintenanceIntervalSeconds: o.maintenanceIntervalSeconds ?? 30,
      // Nothing here needs cron schedules; that would add a clock monitor.
      schedule: false,
      application_name: 'bytelyst-jobs',
    });
    this.boss.on('error', (err: unknown) => o.logger.error({ err }, 'job queue error'));
  }

  /** Creates pg-boss's schema (first start) and starts supervision; idempotent. */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  async register<P>(kind: JobKind<P>): Promise<void> {
    await this.start();
    const dead = deadQueue(kind.name);
    const policy = {
      retryLimit: kind.retryLimit,
      expireInSeconds: kind.expireInSeconds,
      deadLetter: dead,
    };
    await this.boss.createQueue(dead, { name: dead, retryLimit: 0 });
    await this.boss.createQueue(kind.name, { name: kind.name, ...policy });
    // An existing queue keeps its old settings on create: bring them to this build's.
    await this.boss.updateQueue(kind.name, { name: kind.name, ...policy });
    const polling = this.o.pollingIntervalSeconds ?? 0.5;
    const unwrap = (job: PgBoss.Job<object>): QueuedJob<P> => {
      const env = job.data as Envelope;
      return { id: env.id, data: kind.parse(env.data) };
    };
    for (let i = 0; i < kind.concurrency; i++) {
      let workerId = '';
      workerId = await this.boss.work<object>(
        kind.name,
        { batchSize: 1, pollingIntervalSeconds: polling },
        async (jobs) => {
          try {
            for (const job of jobs) await kind.handle(unwrap(job));
          } finally {
            // pg-boss 10 sleeps out the polling interval after a job shorter than it; a worker
            // that just finished one asks for the next at once (an empty queue still sleeps).
            if (workerId) this.boss.notifyWorker(workerId);
          }
        },
      );
    }
    const onDead = kind.onDeadLetter;
    if (onDead)
      await this.boss.work<object>(
        dead,
        { batchSize: 1, pollingIntervalSeconds: Math.max(polling, 1) },
        async (jobs) => {
          for (const job of jobs) await onDead(unwrap(job), 'the job failed on every try');
        },
      );
  }

  async enqueue<P>(kind: string, jobs: readonly QueuedJob<P>[]): Promise<void> {
    if (this.closed) throw new Error('the job queue is closed');
    await this.start();
    for (let i = 0; i < jobs.length; i += 500) {
      await this.boss.insert(
        jobs.slice(i, i + 500).map((j) => ({
          id: jobUuid(kind, j.id),
          name: kind,
          data: { id: j.id, data: j.data } satisfies Envelope,
        })),
      );
    }
  }

  async cancel(kind: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.start();
    await this.boss.cancel(
      kind,
      ids.map((id) => jobUuid(kind, id)),
    );
  }

  async close(options?: { graceful?: boolean }): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: options?.graceful ?? true, wait: true, timeout: 10_000 });
  }
}

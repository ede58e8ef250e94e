import type {
  Actor,
  ModelTrainingErrorCode,
  ModelTrainingJob,
  ModelTrainingStatus,
  ValidationReport,
} from '@bytelyst/trading-contracts';
import type { TenantScope } from './store.js';

/** Who asked for a training job: audited when its version is registered, maybe elsewhere. */
export interface TrainingCaller {
  userId: string;
  actor: Actor;
  requestId: string;
}

/** A finished job's outcome, written once (only while the row is running). */
export type TrainingOutcome =
  | { status: 'succeeded'; versionId: string; validation: ValidationReport }
  | { status: 'failed'; errorCode: ModelTrainingErrorCode; error: string };

/** Training jobs (migration 0026): every query is scoped by the tenant. */
export interface ModelTrainingStore {
  /** Refused with RATE_LIMITED when the tenant already has `maxActive` queued or running. */
  insert(
    scope: TenantScope,
    input: { job: ModelTrainingJob; caller: TrainingCaller; maxActive: number; keep: number },
  ): Promise<void>;
  get(scope: TenantScope, id: string): Promise<ModelTrainingJob | null>;
  caller(scope: TenantScope, id: string): Promise<TrainingCaller | null>;
  list(scope: TenantScope, limit: number): Promise<ModelTrainingJob[]>;
  /**
   * Moves a queued (or, on redelivery, running) job to running and counts the attempt; false
   * when it is finished or cancelled, so a redelivered job does nothing.
   */
  start(
    scope: TenantScope,
    input: { id: string; instanceId: string; at: string },
  ): Promise<boolean>;
  /** Progress of a running job; answers its status (a cancel from elsewhere shows here). */
  progress(
    scope: TenantScope,
    input: { id: string; progress: number; stage: string },
  ): Promise<ModelTrainingStatus | null>;
  /** True when this call finished it (it was running). */
  finish(
    scope: TenantScope,
    input: { id: string; at: string; outcome: TrainingOutcome },
  ): Promise<boolean>;
  /** Cancels a queued or running job; a finished one is left as it is. Answers the row. */
  cancel(scope: TenantScope, input: { id: string; at: string }): Promise<ModelTrainingJob | null>;
  /** Queued and running jobs of every tenant (re-queued when the queue forgot them). */
  active(): Promise<{ tenantId: string; id: string }[]>;
}

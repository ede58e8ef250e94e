import type {
  SearchJob,
  SearchRequest,
  SearchStatus,
  SearchTrial,
  StrategyConfig,
} from '@bytelyst/trading-contracts';
import type { ParamPoint } from '../domain/research/param-space.js';
import type { PlannedWindow, TimeRange, TrialOutcome } from '../domain/research/walk-forward.js';
import type { TenantScope } from './store.js';

/** What a search runs, fixed when it is accepted (every instance reads the same plan). */
export interface SearchPlan {
  sets: { point: ParamPoint; strategy: StrategyConfig }[];
  /** The data's range the windows were cut from. */
  data: TimeRange;
  /** Null without walk-forward. */
  windows: PlannedWindow[] | null;
}

/** The result written when a search finishes (best, windows, stitched curve). */
export type SearchResult = Pick<SearchJob, 'best' | 'windows' | 'stitched'>;

export interface StoredSearch {
  id: string;
  tenantId: string;
  userId: string;
  request: SearchRequest;
  plan: SearchPlan;
  status: SearchStatus;
  totalTrials: number;
  skippedCombos: number;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  result: SearchResult | null;
  finishedTrials: number;
  failedTrials: number;
}

/** A trial's row; `equityCurve` only for out-of-sample trials. */
export interface StoredTrial extends SearchTrial {
  objective: number | null;
  totalReturnPct: number | null;
  annualReturnPct: number | null;
  trades: number;
  equityCurve: { at: string; equity: number }[] | null;
}

/** A trial as choosing the best reads it. */
export interface TrialLight extends TrialOutcome {
  phase: SearchTrial['phase'];
  window: number | null;
}

export interface SearchStore {
  /**
   * Stores a running search unless its user already has `maxActive` running (RATE_LIMITED);
   * the user's finished searches beyond the newest `keep` are forgotten with their trials.
   */
  insert(
    scope: TenantScope,
    input: { search: StoredSearch; maxActive: number; keep: number },
  ): Promise<void>;
  /** The user's search, or null (someone else's answers like a missing one). */
  get(scope: TenantScope, input: { userId: string; id: string }): Promise<StoredSearch | null>;
  /** A search by id for the instance running its trials. */
  load(scope: TenantScope, id: string): Promise<StoredSearch | null>;
  list(scope: TenantScope, input: { userId: string; limit: number }): Promise<StoredSearch[]>;
  /** Every tenant's running searches (what the sweep advances). */
  running(): Promise<{ tenantId: string; id: string }[]>;
  /**
   * Writes a trial once: false when a row of that id exists already or the search is no longer
   * running (a cancelled search keeps no late results).
   */
  storeTrial(scope: TenantScope, input: { searchId: string; trial: StoredTrial }): Promise<boolean>;
  hasTrial(scope: TenantScope, input: { searchId: string; id: string }): Promise<boolean>;
  trials(scope: TenantScope, searchId: string): Promise<SearchTrial[]>;
  /** The few numbers per trial the ranking needs. */
  lightTrials(scope: TenantScope, searchId: string): Promise<TrialLight[]>;
  /** Out-of-sample trials' curves, in window order. */
  outOfSampleCurves(
    scope: TenantScope,
    searchId: string,
  ): Promise<{ window: number; curve: { at: string; equity: number }[] }[]>;
  /** running -> done/failed with its result; false when it was not running (another finished it). */
  finish(
    scope: TenantScope,
    input: {
      id: string;
      status: 'done' | 'failed';
      result: SearchResult | null;
      error: string | null;
      at: string;
    },
  ): Promise<boolean>;
  /** running -> cancelled; the search as it is after (unchanged when already finished). */
  cancel(
    scope: TenantScope,
    input: { userId: string; id: string; at: string },
  ): Promise<StoredSearch | null>;
}

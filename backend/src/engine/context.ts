import type { ModelLookup } from '../domain/strategies/model-strategy.js';
import {
  EntrySizing,
  type Instrument,
  type ProductStatus,
  type TradingMode,
} from '@bytelyst/trading-contracts';
import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import type { MarketDataFeed } from '../ports/market-data.js';
import type { TradingJournal } from '../ports/journal.js';
import type { EngineEvents } from './events.js';

/** Engine settings: typed, defaulted, unknown fields refused. */
export const EngineConfigSchema = z.strictObject({
  quoteCurrency: z.string().min(2).max(10).default('USD'),
  /** Product status older than this counts as unknown (no new entries). */
  productMaxAgeMs: z.number().int().positive().default(15_000),
  /** Loop gate: no tick for this long on a symbol means its data is stale. */
  marketStaleMs: z.number().int().positive().default(15_000),
  /** Store HOLD decisions too (the store prunes them after a bounded window). */
  persistHoldDecisions: z.boolean().default(false),
  /**
   * HOLD decisions are written this long (clock time) after they were decided, in one background
   * commit, so a trading candle's orders are never queued behind them. A crash loses at most
   * this window of HOLD rows (never a decision that led to an order, block or skip).
   */
  holdWriteDelayMs: z.number().int().nonnegative().default(1_000),
  /** Stored HOLD decisions older than this are pruned (bounded window). */
  holdDecisionRetentionMs: z
    .number()
    .int()
    .positive()
    .default(24 * 3_600_000),
  equitySnapshotEveryMs: z.number().int().positive().default(3_600_000),
  reconcileRetryMs: z.number().int().positive().default(5_000),
  /**
   * An order whose outcome is still unknown this long after it was made raises a critical alert
   * (once): it is asked about every reconcileRetryMs and never resent, but the tenant opens
   * nothing until it is settled, so someone must look at the venue.
   */
  inDoubtAlertMs: z.number().int().positive().default(60_000),
  /** A position differing from the venue's by more than this (base units) blocks the profile. */
  positionTolerance: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .default('0'),
  /** How far back reconciliation asks the venue for fills of unsettled orders. */
  fillLookbackMs: z
    .number()
    .int()
    .positive()
    .default(7 * 86_400_000),
  /**
   * Worst-case cost bounds the pre-trade capital rule counts: the venue's highest fee rate and
   * how far a market order may fill from its reference price. The composition sets them to the
   * venue's terms (the defaults are the paper venue's), so cash cannot go below zero.
   */
  feeRateBound: z
    .string()
    .regex(/^0(\.\d+)?$/)
    .default('0.001'),
  slippageBoundBps: z.number().int().nonnegative().max(10_000).default(2),
  /**
   * Spot venues (the paper venue, ccxt spot) cannot sell what the account does not hold, and
   * the capital rule has no margin to hold a short's cover to: a sell that would take a
   * profile's position below zero is refused (SHORT_NOT_ALLOWED). Only for a venue with a margin
   * rule (none yet); tests of the shared-account netting turn it on.
   */
  allowShortSelling: z.boolean().default(false),
  /**
   * One informational alert per booked fill (kind `fill`, already resolved: nothing to act on),
   * for users who route fills to a channel or a digest. On for live trading (the composition);
   * off by default so backtests and benches do not carry an alert per fill.
   */
  fillAlerts: z.boolean().default(false),
  /** Backtests have no platform-service: treat the product as switched on. */
  assumeProductEnabled: z.boolean().default(false),
  /**
   * How entries are sized (domain/risk/entry-sizing.ts). Live profiles use `limits`; a backtest
   * sets its run's sizing here.
   */
  entrySizing: EntrySizing.default({ mode: 'limits' }),
});
export type EngineConfig = z.infer<typeof EngineConfigSchema>;
export type EngineConfigInput = z.input<typeof EngineConfigSchema>;

export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: EngineLogger = { info() {}, warn() {}, error() {} };

/** Counters a backtest reports and tests read. */
export interface EngineStats {
  candles: number;
  decisions: Record<'ENTER' | 'EXIT' | 'HOLD' | 'BLOCKED' | 'SKIPPED', number>;
  orders: number;
  fills: number;
  trades: number;
  commits: number;
  /** Entries the gate refused (BLOCKED or SKIPPED), counted once per reason code. */
  refusedEntries: Record<string, number>;
}

export const newStats = (): EngineStats => ({
  candles: 0,
  decisions: { ENTER: 0, EXIT: 0, HOLD: 0, BLOCKED: 0, SKIPPED: 0 },
  orders: 0,
  fills: 0,
  trades: 0,
  commits: 0,
  refusedEntries: {},
});

export interface EngineContext {
  readonly clock: Clock;
  readonly market: MarketDataFeed;
  readonly journal: TradingJournal;
  readonly events: EngineEvents;
  readonly config: EngineConfig;
  readonly controls: ControlState;
  readonly instanceId: string;
  readonly logger: EngineLogger;
  readonly stats: EngineStats;
  readonly instruments: Map<string, Instrument>;
  /** Last tick time per symbol (ms epoch), from the feed. */
  readonly lastTickAt: Map<string, number>;
  /**
   * Last tick times of the market each profile trades on, by profile id, when profiles may trade
   * on markets of their own (venue market data, market-views.ts). A profile missing here then
   * has no market yet: its data counts as stale.
   */
  readonly profileTicks: Map<string, Map<string, number>> | null;
  /** Model versions for model strategies (the registry's, kept current by the composition). */
  readonly models: ModelLookup;
}

export interface ControlState {
  product: ProductStatus | null;
  productReceivedAt: number | null;
  global: TradingMode;
  tenants: Map<string, TradingMode>;
  profiles: Map<string, TradingMode>;
}

/** A change of control layers handed to the engine (TradingEngine.setControls). */
export interface ControlsUpdate {
  product?: ProductStatus | null;
  productReceivedAt?: number | null;
  global?: TradingMode;
  tenants?: ReadonlyMap<string, TradingMode>;
  profiles?: ReadonlyMap<string, TradingMode>;
}

const NO_TICKS: ReadonlyMap<string, number> = new Map();

/** The last tick times (by symbol) of the market a profile trades on. */
export function ticksOf(ctx: EngineContext, profileId: string): ReadonlyMap<string, number> {
  if (!ctx.profileTicks) return ctx.lastTickAt;
  return ctx.profileTicks.get(profileId) ?? NO_TICKS;
}

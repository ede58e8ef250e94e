import { z } from 'zod';
import { Id, Symbol, Timeframe, Timestamp } from '../primitives.js';

/**
 * The market data store (docs/BACKTESTING.md, "Stored candles"): candle series a tenant imported
 * from CSV files or from a venue, kept per (symbol, venue, timeframe) for backtests to replay.
 */

/** Where a series came from: a ccxt venue id, or a name the uploader chose ("csv" by default). */
export const VenueName = z
  .string()
  .regex(/^[a-z0-9_]{1,32}$/, 'lower-case letters, digits and _ (at most 32)');
export type VenueName = z.infer<typeof VenueName>;

export const CandleGap = z.strictObject({
  /** Open time of the candle before the hole and of the one after it. */
  after: Timestamp,
  before: Timestamp,
  /** Candles missing between them at the series' timeframe. */
  missing: z.number().int().positive(),
});
export type CandleGap = z.infer<typeof CandleGap>;

/** One stored series and how complete it is. */
export const CandleSeries = z.strictObject({
  symbol: Symbol,
  venue: VenueName,
  timeframe: Timeframe,
  /** First and last candle open time. */
  from: Timestamp,
  to: Timestamp,
  count: z.number().int().positive(),
  /** Candles the span from..to holds at the timeframe (count + missing). */
  expected: z.number().int().positive(),
  /** count / expected, in percent. */
  coveragePct: z.number().min(0).max(100),
  gapCount: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  /** The largest gaps (at most 20), oldest first. */
  gaps: z.array(CandleGap).max(20),
  updatedAt: Timestamp,
});
export type CandleSeries = z.infer<typeof CandleSeries>;

export const CandleSeriesKey = z.strictObject({
  symbol: Symbol,
  venue: VenueName,
  timeframe: Timeframe,
});
export type CandleSeriesKey = z.infer<typeof CandleSeriesKey>;

/** Query of a CSV upload; the body is the file itself (`text/csv`), sent as it is read. */
export const CsvImportQuery = z.strictObject({
  symbol: Symbol,
  venue: VenueName.default('csv'),
  timeframe: Timeframe,
  /** Chosen by the client, so it can poll the import's progress while it uploads. */
  importId: Id.optional(),
});
export type CsvImportQuery = z.infer<typeof CsvImportQuery>;

/** At most this many candles per venue import (paged from the venue at its rate limit). */
export const MAX_VENUE_IMPORT_CANDLES = 100_000;

export const VenueImportBody = z
  .strictObject({
    venue: VenueName,
    symbol: Symbol,
    timeframe: Timeframe,
    /** Candles opening at or after `from` and before `to`. */
    from: Timestamp,
    to: Timestamp,
    importId: Id.optional(),
  })
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type VenueImportBody = z.infer<typeof VenueImportBody>;

export const ImportIssue = z.strictObject({
  /** 1-based line of the file (the header, when there is one, is line 1). */
  line: z.number().int().positive(),
  message: z.string().max(200),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** How the file wrote its times; `iso_no_zone` times were read as UTC. */
export const TimeForm = z.enum([
  'epoch_seconds',
  'epoch_milliseconds',
  'iso_with_zone',
  'iso_no_zone',
]);

/**
 * What an import did. `stored`: every valid candle is in the store (duplicates in the file and
 * candles already stored were skipped, and counted). `refused`: the file had bad rows and
 * nothing of it was stored.
 */
export const CandleImportReport = z.strictObject({
  id: Id,
  status: z.enum(['stored', 'refused']),
  source: z.enum(['csv', 'venue']),
  symbol: Symbol,
  venue: VenueName,
  timeframe: Timeframe,
  header: z.boolean(),
  timeForm: TimeForm.nullable(),
  /** In words: how times were read (zone-less times are UTC). */
  timeZone: z.string().max(200),
  /** Lines read (CSV) or candles received (venue). */
  lines: z.number().int().nonnegative(),
  /** Valid candles in the input, duplicates excluded. */
  candles: z.number().int().nonnegative(),
  /** Written by this import. */
  stored: z.number().int().nonnegative(),
  /** Valid candles whose open time the series already had (kept as stored). */
  alreadyStored: z.number().int().nonnegative(),
  errors: z.array(ImportIssue).max(100),
  errorCount: z.number().int().nonnegative(),
  duplicates: z.array(ImportIssue).max(100),
  duplicateCount: z.number().int().nonnegative(),
  gaps: z.array(CandleGap).max(100),
  gapCount: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  from: Timestamp.nullable(),
  to: Timestamp.nullable(),
  /** Venue imports: pages fetched. */
  pages: z.number().int().nonnegative().optional(),
  elapsedMs: z.number().nonnegative(),
  /** The series after the import (null when nothing is stored for it). */
  series: CandleSeries.nullable(),
});
export type CandleImportReport = z.infer<typeof CandleImportReport>;

/** An import while it runs, for a progress bar; kept a few minutes after it ends. */
export const ImportProgress = z.strictObject({
  id: Id,
  phase: z.enum(['receiving', 'storing', 'done', 'failed']),
  /** Bytes of the file parsed so far (CSV). */
  bytes: z.number().int().nonnegative(),
  /** The upload's Content-Length when the client sent one. */
  totalBytes: z.number().int().nonnegative().nullable(),
  /** Candles parsed (CSV) or fetched (venue) so far. */
  candles: z.number().int().nonnegative(),
  /** Candles written so far while storing. */
  storedCandles: z.number().int().nonnegative(),
  report: CandleImportReport.nullable(),
  error: z.string().max(500).nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** Where a backtest's candles come from. */
export const BacktestSource = z.discriminatedUnion('kind', [
  /** The seeded simulator (`seed`, `candles`). */
  z.strictObject({ kind: z.literal('simulated') }),
  /**
   * A stored series of the caller's tenant: the request's symbol and timeframe at this venue,
   * over the settings' `from`..`to` (the whole series when both are null).
   */
  z.strictObject({ kind: z.literal('stored'), venue: VenueName }),
]);
export type BacktestSource = z.infer<typeof BacktestSource>;

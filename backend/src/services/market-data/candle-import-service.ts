import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CandleImportReport,
  type CandleSeries,
  type CsvImportQuery,
  type ImportProgress,
  MAX_VENUE_IMPORT_CANDLES,
  TIMEFRAME_MS,
  type VenueImportBody,
} from '@bytelyst/trading-contracts';
import { CandleCsvParser, type ParsedCandleCsv } from '../../domain/market/candle-csv.js';
import type { CandleSeriesRef, CandleStore } from '../../ports/candle-store.js';
import { tenantScope } from '../../ports/store.js';
import type { VenueCandleSources } from '../../ports/venue-candles.js';
import { ImportProgressBoard, type Owner } from './import-progress.js';
import { fetchVenueCandles } from './venue-paging.js';

/** Default bound on one CSV upload (about 4 million one-minute rows of typical width). */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;
/** Progress is published at most this often while parsing. */
const PROGRESS_EVERY_BYTES = 256 * 1024;

export interface CandleImportServiceOptions {
  store: CandleStore;
  venues: VenueCandleSources;
  maxCsvBytes?: number;
  now?: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

const TIME_ZONE_NOTE: Record<NonNullable<ParsedCandleCsv['timeForm']>, string> = {
  epoch_seconds: 'epoch seconds (UTC by definition)',
  epoch_milliseconds: 'epoch milliseconds (UTC by definition)',
  iso_with_zone: 'ISO 8601 with a zone offset: each time converted to UTC by its own offset',
  iso_no_zone: 'ISO 8601 without a zone: read as UTC (not the server’s or your local zone)',
};

/**
 * Imports candles into the market data store: a CSV file parsed as it streams in, or a venue's
 * OHLCV history paged at its rate limit. Either way the candles pass the same checks (one
 * parser), and a file with any bad row stores nothing; a good one is stored in one transaction.
 */
export class CandleImportService {
  readonly progress: ImportProgressBoard;
  private readonly maxBytes: number;

  constructor(private readonly o: CandleImportServiceOptions) {
    this.progress = new ImportProgressBoard(o.now);
    this.maxBytes = o.maxCsvBytes ?? MAX_CSV_BYTES;
  }

  /** `body` is the upload as it arrives; `totalBytes` its Content-Length when known. */
  async importCsv(
    owner: Owner,
    input: {
      query: CsvImportQuery;
      body: AsyncIterable<Buffer | string>;
      totalBytes: number | null;
    },
  ): Promise<CandleImportReport> {
    const { query } = input;
    if (input.totalBytes !== null && input.totalBytes > this.maxBytes) throw this.tooLarge();
    const id = query.importId ?? `imp-${randomUUID()}`;
    const t0 = performance.now();
    this.progress.begin(owner, id, input.totalBytes);
    try {
      const parser = new CandleCsvParser({ intervalMs: TIMEFRAME_MS[query.timeframe] });
      let bytes = 0;
      let published = 0;
      for await (const chunk of input.body) {
        bytes += chunk.length;
        if (bytes > this.maxBytes) throw this.tooLarge();
        // The upload's own buffers, parsed as bytes (no decoding to text on the way).
        if (typeof chunk === 'string') parser.push(chunk);
        else parser.pushBytes(chunk);
        if (bytes - published >= PROGRESS_EVERY_BYTES) {
          published = bytes;
          this.progress.update(owner, id, { bytes, candles: parser.rows });
        }
      }
      const parsed = parser.finish();
      this.progress.update(owner, id, { bytes, candles: parsed.rows });
      const report = await this.store(owner, {
        id,
        ref: query,
        parsed,
        source: 'csv',
        t0,
      });
      this.progress.update(owner, id, { phase: 'done', report });
      return report;
    } catch (error) {
      this.fail(owner, id, error);
      throw error;
    }
  }

  /** Pages the venue's history from..to (bounded), then stores it as one import. */
  async importVenue(owner: Owner, body: VenueImportBody): Promise<CandleImportReport> {
    const step = TIMEFRAME_MS[body.timeframe];
    const from = Date.parse(body.from);
    const to = Date.parse(body.to);
    if (Math.ceil((to - from) / step) > MAX_VENUE_IMPORT_CANDLES)
      throw new AppError(
        'VALIDATION_FAILED',
        `At most ${MAX_VENUE_IMPORT_CANDLES.toLocaleString('en-US')} candles per venue import; shorten the range.`,
      );
    const source = this.o.venues.source(body.venue);
    const id = body.importId ?? `imp-${randomUUID()}`;
    const t0 = performance.now();
    this.progress.begin(owner, id, null);
    try {
      const fetched = await fetchVenueCandles(source, {
        symbol: body.symbol,
        timeframe: body.timeframe,
        from,
        to,
        onPage: (candles) => this.progress.update(owner, id, { candles }),
      });
      // The venue's candles pass the file rules too (order, duplicates, price sanity, gaps):
      // one parser, one set of checks; a "line" is the candle's position in what was fetched.
      const parser = new CandleCsvParser({ intervalMs: step });
      let text = '';
      for (const c of fetched.candles) text += `${c.join(',')}\n`;
      parser.push(text);
      const report = await this.store(owner, {
        id,
        ref: body,
        parsed: parser.finish(),
        source: 'venue',
        t0,
        pages: fetched.pages,
      });
      this.progress.update(owner, id, { phase: 'done', report });
      return report;
    } catch (error) {
      this.fail(owner, id, error);
      throw error;
    }
  }

  getProgress(owner: Owner, id: string): ImportProgress {
    return this.progress.get(owner, id);
  }

  listSeries(owner: Owner): Promise<CandleSeries[]> {
    return this.o.store.listSeries(tenantScope(owner.tenantId));
  }

  deleteSeries(owner: Owner, ref: CandleSeriesRef): Promise<number> {
    return this.o.store.deleteSeries(tenantScope(owner.tenantId), ref);
  }

  private tooLarge(): AppError {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      `A CSV upload is at most ${Math.round(this.maxBytes / 1024 / 1024)} MiB; split the file.`,
    );
  }

  private fail(owner: Owner, id: string, error: unknown): void {
    const message =
      error instanceof AppError ? error.message : 'The import failed; nothing was stored.';
    this.progress.update(owner, id, { phase: 'failed', error: message.slice(0, 500) });
  }

  /** Stores a parsed import all or nothing: a bad row anywhere and nothing is written. */
  private async store(
    owner: Owner,
    o: {
      id: string;
      ref: CandleSeriesRef;
      parsed: ParsedCandleCsv;
      source: 'csv' | 'venue';
      t0: number;
      pages?: number;
    },
  ): Promise<CandleImportReport> {
    const { parsed: p, ref } = o;
    const scope = tenantScope(owner.tenantId);
    const refused = p.errorCount > 0 || p.rows === 0;
    const errors =
      p.rows === 0 && p.errorCount === 0
        ? [{ line: Math.max(1, p.lines), message: 'no candles in the input' }]
        : p.errors.map((e) => ({ line: e.line, message: e.message.slice(0, 200) }));
    let written = { stored: 0, alreadyStored: 0, series: null as CandleSeries | null };
    if (!refused) {
      this.progress.update(owner, o.id, { phase: 'storing' });
      written = await this.o.store.writeCandles(scope, {
        symbol: ref.symbol,
        venue: ref.venue,
        timeframe: ref.timeframe,
        candles: p,
        onProgress: (n) => this.progress.update(owner, o.id, { storedCandles: n }),
      });
    } else written.series = await this.o.store.getSeries(scope, ref);
    return {
      id: o.id,
      status: refused ? 'refused' : 'stored',
      source: o.source,
      symbol: ref.symbol,
      venue: ref.venue,
      timeframe: ref.timeframe,
      header: p.header,
      timeForm: p.timeForm,
      timeZone:
        o.source === 'venue'
          ? 'venue open times in epoch milliseconds (UTC)'
          : p.timeForm === null
            ? 'no times read'
            : TIME_ZONE_NOTE[p.timeForm],
      lines: p.lines,
      candles: p.rows,
      stored: written.stored,
      alreadyStored: written.alreadyStored,
      errors,
      errorCount: Math.max(p.errorCount, errors.length),
      duplicates: p.duplicates.map((d) => ({ line: d.line, message: d.message.slice(0, 200) })),
      duplicateCount: p.duplicateCount,
      gaps: p.gaps.map((g) => ({ after: iso(g.after), before: iso(g.before), missing: g.missing })),
      gapCount: p.gapCount,
      missing: p.missing,
      from: p.rows > 0 ? iso(p.time[0] ?? 0) : null,
      to: p.rows > 0 ? iso(p.time[p.rows - 1] ?? 0) : null,
      ...(o.pages === undefined ? {} : { pages: o.pages }),
      elapsedMs: performance.now() - o.t0,
      series: written.series,
    };
  }
}

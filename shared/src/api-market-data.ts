import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import {
  CandleImportReport,
  CandleSeries,
  CandleSeriesKey,
  CsvImportQuery,
  ImportProgress,
  VenueImportBody,
} from './schemas/market-data.js';

/** The market data store's part of the route table (spread into API_ROUTES). */
export const MARKET_DATA_ROUTES = {
  listCandleSeries: {
    method: 'GET',
    path: '/api/market-data/series',
    response: z.strictObject({ items: z.array(CandleSeries) }),
    access: 'user',
    summary: "My tenant's stored candle series: span, count, coverage and gaps",
  },
  importCandlesCsv: {
    method: 'POST',
    path: '/api/market-data/csv',
    query: CsvImportQuery,
    // The body is the CSV file itself (Content-Type text/csv), parsed as it streams in.
    response: CandleImportReport,
    access: 'user',
    userWrite: true,
    summary:
      'Import a candle CSV (body: the file, text/csv): all or nothing, bad rows by line, duplicates and gaps reported; zone-less times are UTC',
  },
  importCandlesVenue: {
    method: 'POST',
    path: '/api/market-data/venue',
    body: VenueImportBody,
    response: CandleImportReport,
    access: 'user',
    userWrite: true,
    summary: "Import candles from a venue's OHLCV history (paged at the venue's rate limit)",
  },
  getCandleImport: {
    method: 'GET',
    path: '/api/market-data/imports/:id',
    params: z.strictObject({ id: Id }),
    response: ImportProgress,
    access: 'user',
    summary: 'Progress of one of my imports (on the instance running it), then its report',
  },
  deleteCandleSeries: {
    method: 'DELETE',
    path: '/api/market-data/series',
    query: CandleSeriesKey,
    response: z.strictObject({ deleted: z.number().int().nonnegative() }),
    access: 'tenant_admin',
    summary: "Delete one of my tenant's stored series",
  },
} as const satisfies Record<string, RouteDef>;

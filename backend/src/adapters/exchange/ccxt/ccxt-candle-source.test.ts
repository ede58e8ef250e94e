import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../store/index.js';
import { SqlCandleStore } from '../../store/repo-candles.js';
import type { SqlStore } from '../../store/sql-store.js';
import { CandleImportService } from '../../../services/market-data/candle-import-service.js';
import { LocalBinance } from '../../../../test-support/local-binance/local-binance.js';
import { CcxtCandleSources } from './ccxt-candle-source.js';

/**
 * ccxt's `binance` class fetching klines over real HTTP from the local exchange, paged, with a
 * 429 in the middle, then stored through the import service like a file.
 */
describe('venue candle import through ccxt', () => {
  let lb: LocalBinance;
  let url: string;
  let store: SqlStore;
  beforeAll(async () => {
    lb = new LocalBinance({ livePrices: true });
    url = await lb.listen();
    store = (await createStore({ dataDir: 'memory://' })) as SqlStore;
  });
  afterAll(async () => {
    await lb?.close();
    await store?.close();
  });

  it('pages the history, waits out a 429, and stores what the venue has', async () => {
    const sources = new CcxtCandleSources({
      urlOverrides: { localbinance: url },
      pageLimit: 40,
      retryMs: 20,
      timeoutMs: 5_000,
    });
    const service = new CandleImportService({
      store: new SqlCandleStore(store.sql),
      venues: sources,
    });
    const venueBars = lb.market.history('BTC-USD', '1m', 600);
    const from = venueBars[0]?.openTime ?? 0;
    const to = (venueBars.at(-1)?.openTime ?? 0) + 60_000;
    lb.injectFault('GET /api/v3/klines', 'rate-limit');
    const klinesBefore = lb.requests.filter((r) => r.path === '/api/v3/klines').length;
    const report = await service.importVenue(
      { tenantId: 'acme', userId: 'u-alice' },
      {
        venue: 'localbinance',
        symbol: 'BTC-USD',
        timeframe: '1m',
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        importId: 'imp-venue',
      },
    );
    const asked = lb.requests.filter((r) => r.path === '/api/v3/klines');
    expect(asked.slice(klinesBefore).map((r) => r.status)[0]).toBe(429);
    expect(report).toMatchObject({
      status: 'stored',
      source: 'venue',
      venue: 'localbinance',
      candles: venueBars.length,
      stored: venueBars.length,
      errorCount: 0,
      duplicateCount: 0,
      gapCount: 0,
      from: new Date(from).toISOString(),
    });
    // Pages of 40 plus the empty one that ends it; the refused request was asked again.
    expect(report.pages).toBe(Math.ceil(venueBars.length / 40));
    expect(asked.length - klinesBefore).toBe((report.pages ?? 0) + 1);
    const stored = await new SqlCandleStore(store.sql).readCandles(
      { tenantId: 'acme' },
      {
        symbol: 'BTC-USD',
        venue: 'localbinance',
        timeframe: '1m',
        from: null,
        to: null,
        maxCandles: 10_000,
      },
    );
    expect([...stored.time]).toEqual(venueBars.map((b) => b.openTime));
    expect([...stored.close]).toEqual(venueBars.map((b) => Number(b.close.toFixed(8))));
    expect(service.getProgress({ tenantId: 'acme', userId: 'u-alice' }, 'imp-venue')).toMatchObject(
      { phase: 'done', candles: venueBars.length },
    );
  }, 60_000);

  it('fails a venue that keeps refusing, storing nothing', async () => {
    const sources = new CcxtCandleSources({
      urlOverrides: { localbinance: url },
      attempts: 2,
      retryMs: 10,
    });
    const service = new CandleImportService({
      store: new SqlCandleStore(store.sql),
      venues: sources,
    });
    lb.injectFault('GET /api/v3/klines', 'unavailable');
    lb.injectFault('GET /api/v3/klines', 'unavailable');
    const now = Date.now();
    await expect(
      service.importVenue(
        { tenantId: 'globex', userId: 'u-bob' },
        {
          venue: 'localbinance',
          symbol: 'ETH-USD',
          timeframe: '1m',
          from: new Date(now - 3_600_000).toISOString(),
          to: new Date(now).toISOString(),
        },
      ),
    ).rejects.toMatchObject({ code: 'EXCHANGE_UNAVAILABLE' });
    expect(await new SqlCandleStore(store.sql).listSeries({ tenantId: 'globex' })).toEqual([]);
    expect(() => sources.source('no-such-venue')).toThrow(/No venue/);
  }, 30_000);
});

/**
 * What parsing every response with the contract costs the dashboard: one 500-order page and one
 * 300-candle series, JSON.parse alone (baseline) vs JSON.parse + the route's zod schema, as the
 * API client does. Run: pnpm exec tsx web/bench/parse-page.bench.ts
 */
import { API_ROUTES, type Order } from '@bytelyst/trading-contracts';

const order = (i: number): Order => ({
  id: `o-${i}`,
  tenantId: 'acme',
  profileId: 'p-1',
  clientOrderId: `blt-acme-${i}`,
  exchangeOrderId: `x-${i}`,
  symbol: 'BTC-USD',
  side: i % 2 ? 'BUY' : 'SELL',
  type: 'MARKET',
  quantity: '0.05',
  limitPrice: null,
  stopPrice: null,
  reduceOnly: false,
  status: 'FILLED',
  filledQuantity: '0.05',
  averageFillPrice: '64123.45',
  origin: 'strategy',
  outcomeUnknown: false,
  rejectReason: null,
  decisionId: `d-${i}`,
  requestId: null,
  venue: { accountId: 'va-1', venueId: 'binance', label: 'Main desk' },
  createdAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
  updatedAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
});
const ordersJson = JSON.stringify({
  items: Array.from({ length: 500 }, (_, i) => order(i)),
  nextCursor: 'c',
});
const candlesJson = JSON.stringify({
  items: Array.from({ length: 300 }, (_, i) => ({
    symbol: 'BTC-USD',
    timeframe: '1m',
    openTime: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    open: '64000.10',
    high: '64100.20',
    low: '63900.30',
    close: '64050.40',
    volume: '12.3456',
  })),
});

function time(label: string, fn: () => unknown, iterations: number): number {
  for (let i = 0; i < 20; i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = (performance.now() - start) / iterations;
  console.log(`${label.padEnd(52)} ${ms.toFixed(3)} ms/op`);
  return ms;
}

for (const [name, json, schema] of [
  ['orders page (500 items)', ordersJson, API_ROUTES.orders.response],
  ['candles (300 items)', candlesJson, API_ROUTES.candles.response],
] as const) {
  const base = time(`${name}: JSON.parse`, () => JSON.parse(json), 300);
  const full = time(
    `${name}: JSON.parse + contract parse`,
    () => schema.parse(JSON.parse(json)),
    300,
  );
  console.log(
    `${name}: contract parse adds ${(full - base).toFixed(3)} ms (x${(full / base).toFixed(1)} of JSON.parse)\n`,
  );
}

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { generateBarColumns } from '../src/adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS } from '../src/adapters/market/instruments.js';
import { call, eventually } from './backend-harness.js';

/** Uploads a candle CSV as the browser does: the file as the body, text/csv. */
export async function uploadCsv(
  app: FastifyInstance,
  o: { token: string; csv: string; query: Record<string, string> },
): Promise<{ status: number; body: any }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/market-data/csv?${new URLSearchParams(o.query).toString()}`,
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'text/csv' },
    payload: o.csv,
  });
  return { status: res.statusCode, body: res.json() };
}

/**
 * `count` one-minute candles of the seeded simulator from `start`, as CSV with a header and
 * zone-less ISO times (UTC by the import's rule); `edit` may rewrite lines (index 0 = header).
 */
export function simulatedCsv(
  o: { start: number; count: number; symbol?: string },
  edit?: (lines: string[]) => void,
): string {
  const instrument = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === (o.symbol ?? 'BTC-USD'));
  if (!instrument) throw new Error('unknown symbol');
  const c = generateBarColumns({
    seed: 11,
    instrument,
    timeframe: '1m',
    count: o.count,
    startTime: o.start,
  });
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < o.count; i++) {
    const t = new Date(c.time[i] ?? 0).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${t},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}`);
  }
  edit?.(lines);
  return `${lines.join('\n')}\n`;
}

/** Starts a backtest and waits for it to end; returns the finished job. */
export async function runBacktest(
  target: { app: FastifyInstance },
  o: { token: string; body: Record<string, unknown> },
): Promise<any> {
  const started = await call(target, { path: '/api/backtests', token: o.token, body: o.body });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return eventually(
    async () => {
      const r = await call(target, { path: `/api/backtests/${started.body.id}`, token: o.token });
      expect(['done', 'failed']).toContain(r.body.status);
      return r.body;
    },
    60_000,
    100,
  );
}

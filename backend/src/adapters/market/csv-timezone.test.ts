import { afterAll, describe, expect, it } from 'vitest';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { paperBacktest } from '../../compose/paper-backtest.js';
import { parseCsvBars } from './csv-replay.js';
import { generateBarColumns } from './generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from './instruments.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');

/**
 * One-minute candles across New York's 2026 spring-forward (02:00 local on 8 March) and autumn
 * fall-back (02:00 local on 1 November), written with zone-less times: the old parser read them
 * in the server's zone, so under America/New_York a file failed at the jump ("timestamps must
 * increase") or silently moved its candles.
 */
function zonelessCsv(start: number, count: number): string {
  const cols = generateBarColumns({
    seed: 7,
    instrument: btc!,
    timeframe: '1m',
    count,
    startTime: start,
  });
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const t = new Date(cols.time[i] ?? 0).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(
      `${t},${cols.open[i]},${cols.high[i]},${cols.low[i]},${cols.close[i]},${cols.volume[i]}`,
    );
  }
  return lines.join('\n');
}

const springCsv = zonelessCsv(Date.UTC(2026, 2, 7, 20), 20 * 60);
const autumnCsv = zonelessCsv(Date.UTC(2026, 9, 31, 20), 20 * 60);
const original = process.env.TZ;

async function runUnder(tz: string) {
  process.env.TZ = tz; // Node re-reads the zone when TZ is assigned
  const offsets = [new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()];
  const out = [];
  for (const text of [springCsv, autumnCsv]) {
    const series = parseCsvBars({ text, symbol: 'BTC-USD', timeframe: '1m' });
    const r = await paperBacktest({
      series: [series],
      instruments: [toContractInstrument(btc!)],
      profiles: [makeProfile({ id: 'tz', tenantId: 'backtest', risk: { cooldownAfterLossMs: 0 } })],
      persistence: 'off',
      equityEvery: 60,
    });
    out.push({
      first: series.time[0],
      last: series.time[series.time.length - 1],
      trades: r.trades,
      equity: r.finalEquity,
      curve: r.equityCurve,
    });
  }
  return { offsets, out };
}

describe('CSV time zones', () => {
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same candles and the same backtest under UTC, New York and Kolkata', async () => {
    const utc = await runUnder('UTC');
    const ny = await runUnder('America/New_York');
    const kolkata = await runUnder('Asia/Kolkata');
    // The zone really changed for the process (else the test would prove nothing).
    expect([utc.offsets, ny.offsets, kolkata.offsets]).toEqual([[0], [300], [-330]]);
    expect(utc.out[0]?.first).toBe(Date.UTC(2026, 2, 7, 20));
    expect(utc.out[0]?.last).toBe(Date.UTC(2026, 2, 7, 20) + (20 * 60 - 1) * 60_000);
    expect(utc.out[0]?.trades.length).toBeGreaterThan(0);
    expect(ny.out).toEqual(utc.out);
    expect(kolkata.out).toEqual(utc.out);
  }, 60_000);
});

/**
 * Runs backtests off the main thread (a million candles is seconds of CPU that must not stall
 * the API and the live loop), one at a time as the service sends them, posting progress as it
 * goes and the summary at the end. The thread stays for the next job: starting one costs ~0.4 s
 * of module loading, and a warm thread runs the engine's already-compiled code.
 */
import { parentPort } from 'node:worker_threads';
import {
  TRADE_BATCH,
  type BacktestWorkerCommand,
  type BacktestWorkerMessage,
} from './backtest-messages.js';
import { runBacktest, simulatedSeries } from '../../compose/backtest-run.js';
import type { BarColumns } from '../../ports/market-data.js';

const post = (m: BacktestWorkerMessage, transfer?: ArrayBuffer[]) =>
  parentPort?.postMessage(m, transfer);

async function run(m: BacktestWorkerCommand): Promise<void> {
  // A stored source's candles came with the command (read by the service, range already cut).
  const series: BarColumns = m.candles
    ? { symbol: m.request.symbol, timeframe: m.request.timeframe, ...m.candles }
    : simulatedSeries(m.request);
  const out = await runBacktest(
    m.request,
    series,
    (progress) => post({ kind: 'progress', progress }),
    m.model,
  );
  const { summary, equityCurve, trades, prices, full } = out;
  if (!m.full) {
    post({ kind: 'done', summary, equityCurve, trades, prices });
    return;
  }
  // The full list goes in bounded batches the service writes as they come, then the curve with
  // `done` (its buffers moved, not copied): `done` is only sent once every batch was posted.
  for (let from = 0; from < full.trades.length; from += TRADE_BATCH)
    post({ kind: 'trades', from, trades: full.trades.slice(from, from + TRADE_BATCH) });
  const { curve } = full;
  post({ kind: 'done', summary, equityCurve, trades, prices, curve }, [
    curve.times.buffer as ArrayBuffer,
    curve.equity.buffer as ArrayBuffer,
  ]);
}

parentPort?.on('message', (m: BacktestWorkerCommand) => {
  if (m.kind !== 'run') return;
  run(m).catch((e: unknown) =>
    post({ kind: 'failed', error: e instanceof Error ? e.message : String(e) }),
  );
});

/**
 * Runs backtests off the main thread (a million candles is seconds of CPU that must not stall
 * the API and the live loop), one at a time as the service sends them, posting progress as it
 * goes and the summary at the end. The thread stays for the next job: starting one costs ~0.4 s
 * of module loading, and a warm thread runs the engine's already-compiled code.
 */
import { parentPort } from 'node:worker_threads';
import type { BacktestWorkerCommand, BacktestWorkerMessage } from './backtest-messages.js';
import { runBacktest, simulatedSeries } from '../../compose/backtest-run.js';
import type { BarColumns } from '../../ports/market-data.js';

const post = (m: BacktestWorkerMessage) => parentPort?.postMessage(m);

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
  post({ kind: 'done', ...out });
}

parentPort?.on('message', (m: BacktestWorkerCommand) => {
  if (m.kind !== 'run') return;
  run(m).catch((e: unknown) =>
    post({ kind: 'failed', error: e instanceof Error ? e.message : String(e) }),
  );
});

/**
 * A training job off the main thread: minutes of fitting must not stall the API or the live
 * loop. One job per thread; the thread ends with it (a cancel terminates it mid-fit).
 */
import { parentPort } from 'node:worker_threads';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { modelCardBacktester } from './model-card-backtest.js';
import {
  TrainingFailed,
  type TrainWorkerCommand,
  type TrainWorkerMessage,
} from '../services/models/model-trainer.js';
import { runTraining } from '../services/models/training-run.js';

const post = (m: TrainWorkerMessage) => parentPort?.postMessage(m);
const cardBacktest = modelCardBacktester(DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument));

parentPort?.on('message', (m: TrainWorkerCommand) => {
  if (m.kind !== 'train') return;
  runTraining(m.input, {
    cardBacktest,
    onProgress: (progress, stage) => post({ kind: 'progress', progress, stage }),
  }).then(
    (output) => post({ kind: 'done', output }),
    (e: unknown) =>
      e instanceof TrainingFailed
        ? post({ kind: 'failed', code: e.code, error: e.message })
        : // Anything else is a fault of this run, not of the data: the queue tries it again.
          post({
            kind: 'failed',
            code: 'WORKER_FAILED',
            error: e instanceof Error ? e.message : String(e),
          }),
  );
});

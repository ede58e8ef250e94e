import { Worker } from 'node:worker_threads';
import type { FeatureDefinition } from '../domain/models/features.js';
import type { ModelCardBacktester } from '../ports/model-versions.js';
import {
  type ModelTrainer,
  TrainingFailed,
  type TrainingInput,
  type TrainingOutput,
  type TrainingProgress,
  type TrainWorkerCommand,
  type TrainWorkerMessage,
} from '../services/models/model-trainer.js';
import { runTraining } from '../services/models/training-run.js';

const WORKER = new URL('./model-train-worker-entry.mjs', import.meta.url);

/** A worker crash or a fault that is not the data's: thrown on, so the queue tries the job again. */
export class TrainerFault extends Error {}

/** Each job on a thread of its own, terminated when the job ends or is cancelled. */
export class WorkerModelTrainer implements ModelTrainer {
  private readonly live = new Set<Worker>();

  train(
    input: TrainingInput,
    o: { onProgress: TrainingProgress; signal: AbortSignal },
  ): Promise<TrainingOutput> {
    const worker = new Worker(WORKER);
    this.live.add(worker);
    return new Promise<TrainingOutput>((resolve, reject) => {
      const end = () => {
        o.signal.removeEventListener('abort', onAbort);
        worker.removeAllListeners();
        this.live.delete(worker);
        void worker.terminate();
      };
      const onAbort = () => (end(), reject(new Error('training cancelled')));
      if (o.signal.aborted) return onAbort();
      o.signal.addEventListener('abort', onAbort);
      worker.on('message', (m: TrainWorkerMessage) => {
        if (m.kind === 'progress') return o.onProgress(m.progress, m.stage);
        end();
        if (m.kind === 'done') resolve(m.output);
        else if (m.code === 'WORKER_FAILED') reject(new TrainerFault(m.error));
        else reject(new TrainingFailed(m.code, m.error));
      });
      worker.on('error', (err) => (end(), reject(new TrainerFault(err.message))));
      worker.on('exit', () => (end(), reject(new TrainerFault('the training worker stopped'))));
      const { candles: c } = input;
      const command: TrainWorkerCommand = { kind: 'train', input };
      // The columns move to the thread rather than being copied.
      const buffers = new Set(
        [c.time, c.open, c.high, c.low, c.close, c.volume].map((a) => a.buffer),
      );
      worker.postMessage(command, [...buffers] as ArrayBuffer[]);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    this.live.clear();
  }
}

/**
 * Training on this thread (tests): the same `runTraining` the worker runs, optionally with other
 * feature streams (a feature that looks ahead, to show the job path refuses it).
 */
export class InlineModelTrainer implements ModelTrainer {
  constructor(
    private readonly o: {
      cardBacktest: ModelCardBacktester;
      features?: readonly FeatureDefinition[];
    },
  ) {}

  train(
    input: TrainingInput,
    run: { onProgress: TrainingProgress; signal: AbortSignal },
  ): Promise<TrainingOutput> {
    return runTraining(input, {
      cardBacktest: this.o.cardBacktest,
      onProgress: run.onProgress,
      ...(this.o.features ? { features: this.o.features } : {}),
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

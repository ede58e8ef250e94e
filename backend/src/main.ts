import { loadBackendEnv } from './env.js';
import { startBackend } from './server.js';

// Config is read first so a bad value stops start-up (exit 2) before anything opens.
const env = loadBackendEnv();
const backend = await startBackend(env);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    backend.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  });
}

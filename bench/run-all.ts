/**
 * pnpm bench: runs every benchmark one after another (never in parallel: they would measure each
 * other) and prints their figures. Copy the output into bench/RESULTS.md with the date.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const benches: [string, string[]][] = [
  ['backtest.bench.ts', []],
  ['csv-parse.bench.ts', []],
  ['backtest-service.bench.ts', []],
  ['live-loop.bench.ts', []],
  ['api-positions.bench.ts', ['10']],
  ['ws-fanout.bench.ts', ['1000', '10']],
];
const only = process.argv.slice(2);
let failed = 0;
for (const [file, args] of benches) {
  if (only.length && !only.some((o) => file.startsWith(o))) continue;
  console.log(`\n=== ${file} ${args.join(' ')}  (${new Date().toISOString()})`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, file), ...args],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

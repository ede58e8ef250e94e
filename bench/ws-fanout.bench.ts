/**
 * WebSocket fan-out: 1,000 authenticated clients on /trading; every price tick must reach all of
 * them. Prints delivery latency (send stamp to receipt) p50/p99/max and the gateway process's CPU
 * use, beside a baseline of the same fan-out through a bare Socket.IO server without auth or
 * contract checks, run in this same process. Goal: p99 <= 50 ms.
 * Usage: pnpm exec tsx bench/ws-fanout.bench.ts [clients] [seconds]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { mintToken, testKeys } from '@bytelyst/trading-backend/testing';

const CLIENTS = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 10);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function measure(
  url: string,
  token: string | null,
): Promise<{ lat: number[]; connected: number }> {
  const sockets: Socket[] = [];
  const lat: number[] = [];
  let measuring = false;
  for (let i = 0; i < CLIENTS; i++) {
    const s = io(url, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    s.on('price', (p: { at: string }) => {
      if (measuring) lat.push(Date.now() - Date.parse(p.at));
    });
    sockets.push(s);
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50));
  }
  const deadline = Date.now() + 60_000;
  while (sockets.some((s) => !s.connected) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const connected = sockets.filter((s) => s.connected).length;
  measuring = true;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  for (const s of sockets) s.disconnect();
  return { lat, connected };
}

// Baseline: bare Socket.IO broadcast, same tick rate and payload, same client process.
const http = createServer();
const bare = new Server(http, { serveClient: false });
await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
const bareTimer = setInterval(
  () => bare.emit('price', { symbol: 'BTC-USD', price: '50000.00', at: new Date().toISOString() }),
  200,
);
const base = await measure(`http://127.0.0.1:${(http.address() as { port: number }).port}`, null);
clearInterval(bareTimer);
await new Promise<void>((r) => void bare.close(() => r()));

// The real gateway in its own process.
const { pem } = await testKeys();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'support/ws-fanout-server.ts')],
  {
    env: { ...process.env, BENCH_PEM: pem },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: child.stdout });
const cpu: number[] = [];
let recordCpu = false;
const port = await new Promise<number>((resolve) =>
  lines.on('line', (l) => {
    const m = JSON.parse(l) as { port?: number; cpu?: number };
    if (m.port) resolve(m.port);
    if (m.cpu !== undefined && recordCpu) cpu.push(m.cpu);
  }),
);
const token = await mintToken({ sub: 'u-alice', tenant: 'acme', ttl: 3600 });
recordCpu = true;
const real = await measure(`http://127.0.0.1:${port}/trading`, token);
child.kill('SIGTERM');

const row = (name: string, r: { lat: number[]; connected: number }) =>
  `${name.padEnd(30)} clients ${r.connected}/${CLIENTS}  deliveries ${String(r.lat.length).padStart(7)}  p50 ${pct(r.lat, 50)} ms  p99 ${pct(r.lat, 99)} ms  max ${Math.max(...r.lat)} ms`;
console.log(`price tick every 200 ms to every client for ${SECONDS} s`);
console.log(row('bare Socket.IO (baseline)', base));
console.log(row('trading gateway (own process)', real));
const meanCpu = cpu.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : NaN;
console.log(
  `gateway CPU ${(meanCpu * 100).toFixed(0)} % of one core (mean over the run); p99 ratio ${(pct(real.lat, 99) / Math.max(1, pct(base.lat, 99))).toFixed(2)}; goal p99 <= 50 ms`,
);
process.exit(0);

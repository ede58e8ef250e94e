/**
 * Child process of ws-fanout.bench.ts: the backend's real socket gateway (auth, rooms, contract
 * check of every payload) on its own core, broadcasting a price tick every 200 ms stamped with
 * its send time, and printing its own CPU use once a second.
 */
import { createServer } from 'node:http';
import pino from 'pino';
import { createTokenVerifier } from '@bytelyst/trading-backend/api';
import { RealtimeGateway } from '@bytelyst/trading-backend/api';

const http = createServer();
const verifier = await createTokenVerifier({
  kind: 'public-key',
  pem: process.env.BENCH_PEM ?? '',
  issuer: 'https://platform.test',
  audience: 'bytelyst-trading',
});
const gateway = new RealtimeGateway({
  httpServer: http,
  verifier,
  logger: pino({ level: 'silent' }),
  corsOrigins: [],
  isTenantDisabled: () => false,
  validateOutgoing: true,
});
await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
const port = (http.address() as { port: number }).port;
console.log(JSON.stringify({ port }));

let price = 50_000;
setInterval(() => {
  price += Math.round((Math.random() - 0.5) * 100) / 10;
  gateway.toAllTraders('price', {
    symbol: 'BTC-USD',
    price: price.toFixed(2),
    at: new Date().toISOString(),
  });
}, 200);

let last = process.cpuUsage();
let lastAt = performance.now();
setInterval(() => {
  const now = process.cpuUsage();
  const t = performance.now();
  const cpu = (now.user - last.user + now.system - last.system) / 1000 / (t - lastAt);
  last = now;
  lastAt = t;
  console.log(JSON.stringify({ cpu }));
}, 1000);

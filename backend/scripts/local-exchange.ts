/**
 * The local exchange that speaks Binance's spot REST protocol, as a process: its own seeded
 * market moves prices, orders match on the paper venue's engine. A backend offers it to venue
 * accounts with LOCAL_EXCHANGE_URL=http://127.0.0.1:<port> (venue id `localbinance`).
 * Usage: tsx scripts/local-exchange.ts [port] [seed]
 */
import { LOCAL_EXCHANGE_DEMO_KEYS } from '../test-support/local-binance/demo-keys.js';
import { LocalBinance } from '../test-support/local-binance/local-binance.js';

export async function startLocalExchange(o: { port: number; seed: number }) {
  const exchange = new LocalBinance({ seed: o.seed, livePrices: true });
  for (const k of LOCAL_EXCHANGE_DEMO_KEYS) exchange.addAccount(k);
  const url = await exchange.listen(o.port);
  return { url, exchange, stop: () => exchange.close() };
}

if (process.argv[1] === import.meta.filename) {
  const port = Number(process.argv[2] ?? 4300);
  const seed = Number(process.argv[3] ?? 11);
  const { url } = await startLocalExchange({ port, seed });
  console.log(`local exchange (Binance protocol) on ${url}; demo keys:`);
  for (const k of LOCAL_EXCHANGE_DEMO_KEYS) console.log(`  ${k.apiKey} / ${k.secret}`);
}

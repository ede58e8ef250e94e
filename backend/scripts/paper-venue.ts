/**
 * A standalone paper venue: its own seeded market moves prices, its book keeps orders, fills and
 * positions outside any backend, so backends can be killed, restarted or run side by side against
 * it (EXCHANGE=paper-remote PAPER_VENUE_URL=http://127.0.0.1:<port>).
 * Usage: tsx scripts/paper-venue.ts [port] [seed]
 */
import { PaperExchange } from '../src/adapters/exchange/paper/paper-exchange.js';
import { createPaperVenueServer } from '../src/adapters/exchange/remote/paper-venue-server.js';
import { SimulatedMarket } from '../src/adapters/market/simulated-market.js';
import { systemClock } from '../src/ports/clock.js';

export async function startPaperVenue(o: { port: number; seed: number }) {
  const market = new SimulatedMarket({ clock: systemClock, seed: o.seed, realtime: true });
  const exchange = new PaperExchange({
    clock: systemClock,
    instruments: market.instruments(),
    latencyMs: 20,
  });
  market.subscribe((e) => {
    if (e.kind === 'tick') {
      exchange.setPrice(e.symbol, e.price);
      exchange.flush();
    }
  });
  await market.start();
  const venue = createPaperVenueServer(exchange);
  const url = await venue.app.listen({ host: '127.0.0.1', port: o.port });
  return {
    url,
    exchange,
    submitAttempts: venue.submitAttempts,
    submissions: venue.submissions,
    async stop() {
      await venue.app.close();
      await market.dispose();
    },
  };
}

if (process.argv[1] === import.meta.filename) {
  const venue = await startPaperVenue({
    port: Number(process.argv[2] ?? 4200),
    seed: Number(process.argv[3] ?? 7),
  });
  console.log(`paper venue listening at ${venue.url}`);
  process.once('SIGINT', () => void venue.stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void venue.stop().then(() => process.exit(0)));
}

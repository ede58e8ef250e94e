/**
 * `@bytelyst/trading-backend/venues`: venues that run outside a backend, for scripts that kill
 * and restart backends against them (scripts/crash-loop.ts) and for demos. No test runner in
 * here, so plain scripts can import it.
 */
export { startPaperVenue } from '../scripts/paper-venue.js';
export { LOCAL_EXCHANGE_DEMO_KEYS } from './local-binance/demo-keys.js';
export {
  LocalBinance,
  type LocalBinanceAccount,
  type LocalBinanceOptions,
} from './local-binance/local-binance.js';

/** The API's building blocks a host can reuse (a socket fan-out without the whole backend). */
export { createTokenVerifier } from './auth/token-verifier.js';
export { RealtimeGateway } from './realtime/gateway.js';
export { UserPresence } from './realtime/presence.js';

import { AppError } from '@bytelyst/trading-contracts';
import type { EngineFacade } from '../api/engine-facade.js';
import { DEFAULT_ORDER_DEADLINE_MS, type CommandRelay } from './command-relay.js';

const deadlinePassed = () =>
  new AppError(
    'ORDER_NOT_SAVED',
    'The order deadline passed before it was placed; it was not sent.',
  );

/**
 * The engine as the API sees it on every instance: orders for a tenant whose loop runs here go
 * to the engine; orders for any other tenant go to its owner through the command relay, with
 * the same idempotency (the order key) and the same deadline. No instance answers 503 for a
 * tenant merely because its loop runs elsewhere.
 */
export function anyTenantEngine(
  engine: EngineFacade,
  o: { relay: CommandRelay; runsHere: (tenantId: string) => boolean; now?: () => number },
): EngineFacade {
  const now = o.now ?? Date.now;
  const deadlineOf = (d: number | undefined) => d ?? now() + DEFAULT_ORDER_DEADLINE_MS;
  return {
    botState: (t) => engine.botState(t),
    verdictFor: (t, p) => engine.verdictFor(t, p),
    upsertProfile: (p) => engine.upsertProfile(p),
    removeProfile: (t, p) => engine.removeProfile(t, p),
    prices: () => engine.prices(),
    instruments: () => engine.instruments(),
    candles: (s, tf, n) => engine.candles(s, tf, n),
    health: () => engine.health(),
    async submitManualOrder(input) {
      const deadlineAt = deadlineOf(input.deadlineAt);
      if (now() >= deadlineAt) throw deadlinePassed();
      if (o.runsHere(input.tenantId)) return engine.submitManualOrder({ ...input, deadlineAt });
      return o.relay.forward('trade', { ...input, deadlineAt }, deadlineAt);
    },
    async cancelOrder(input) {
      if (o.runsHere(input.tenantId)) return engine.cancelOrder(input);
      // The relay carries orders and closes only; a cancel must reach the loop owner directly.
      throw new AppError(
        'NOT_READY',
        "This tenant's loop runs on another instance; retry the cancel in a moment.",
      );
    },
    async closePosition(input) {
      const deadlineAt = deadlineOf(input.deadlineAt);
      if (now() >= deadlineAt) throw deadlinePassed();
      if (o.runsHere(input.tenantId)) return engine.closePosition({ ...input, deadlineAt });
      return o.relay.forward('close', { ...input, deadlineAt }, deadlineAt);
    },
  };
}

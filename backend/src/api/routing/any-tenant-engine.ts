import { randomUUID } from 'node:crypto';
import type { EngineFacade } from '../engine-facade.js';
import { DEFAULT_ORDER_DEADLINE_MS, type CommandRelay } from './command-relay.js';
import { OrderDeadline, deadlinePassed } from '../../services/order-deadline.js';

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
  const gateOf = (input: { deadlineAt?: number | undefined; gate?: OrderDeadline | undefined }) =>
    input.gate ?? new OrderDeadline(input.deadlineAt ?? now() + DEFAULT_ORDER_DEADLINE_MS, now);
  /** Runs here, or hands over to the owner (whose relay answer is then exact about the deadline). */
  const route = async <
    I extends {
      tenantId: string;
      deadlineAt?: number | undefined;
      gate?: OrderDeadline | undefined;
    },
    R,
  >(
    input: I,
    local: (i: I) => Promise<R>,
    forward: (i: I, deadlineAt: number) => Promise<R>,
  ): Promise<R> => {
    const gate = gateOf(input);
    if (gate.expired) throw deadlinePassed();
    if (o.runsHere(input.tenantId)) return local({ ...input, deadlineAt: gate.at, gate });
    if (!gate.delegate()) throw deadlinePassed();
    // The command row carries no gate object, only the deadline (the owner makes its own).
    const plain: I = { ...input, deadlineAt: gate.at, gate: undefined };
    return forward(plain, gate.at);
  };
  return {
    botState: (t) => engine.botState(t),
    verdictFor: (t, p) => engine.verdictFor(t, p),
    blockedReason: (t, p) => engine.blockedReason(t, p),
    upsertProfile: (p) => engine.upsertProfile(p),
    removeProfile: (t, p) => engine.removeProfile(t, p),
    prices: () => engine.prices(),
    instruments: () => engine.instruments(),
    candles: (s, tf, n) => engine.candles(s, tf, n),
    health: () => engine.health(),
    submitManualOrder: (input) =>
      route(
        input,
        (i) => engine.submitManualOrder(i),
        (i, at) => o.relay.forward('trade', i, at),
      ),
    async cancelOrder(input) {
      if (o.runsHere(input.tenantId)) return engine.cancelOrder(input);
      // Executed by the loop owner, like an order; a cancel has no caller deadline of its own.
      return o.relay.forwardCancel(input, randomUUID(), now() + DEFAULT_ORDER_DEADLINE_MS);
    },
    async resolveBlock(input) {
      if (o.runsHere(input.tenantId)) return engine.resolveBlock(input);
      // The loop owner holds the books and the venue connection; the request id keys the command.
      return o.relay.forwardResolve(input, now() + DEFAULT_ORDER_DEADLINE_MS);
    },
    closePosition: (input) =>
      route(
        input,
        (i) => engine.closePosition(i),
        (i, at) => o.relay.forward('close', i, at),
      ),
  };
}

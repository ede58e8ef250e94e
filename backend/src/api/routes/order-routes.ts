import { randomUUID } from 'node:crypto';
import { AppError, ORDER_DEADLINE_HEADER } from '@bytelyst/trading-contracts';
import type { RouteHandlers } from '../http/route-context.js';
import type { ManualOrderResult } from '../engine-facade.js';
import type { ApiDeps } from './deps.js';
import { DEFAULT_ORDER_DEADLINE_MS } from '../routing/command-relay.js';
import { OrderDeadline, withinDeadline } from '../../services/order-deadline.js';
import { idempotent } from './idempotency.js';
import { viaOf } from '../client-surface.js';
import { actorOf, assertKnownSymbols } from './profile-routes.js';
import { assertProfileVisible } from './visibility.js';

type OrderRoutes = Pick<RouteHandlers, 'trade' | 'close' | 'cancelOrder'>;

/** A denial is an answer, not a failure: 422 with the rule codes so the surface can explain it. */
function settle(result: ManualOrderResult) {
  if (result.kind === 'denied') {
    throw new AppError('ORDER_DENIED', result.message, { details: { reasons: result.reasons } });
  }
  return { status: 200, body: { order: result.order, decisionId: result.decision?.id ?? null } };
}

/** When the caller stops waiting: its ORDER_DEADLINE_HEADER, else the default (10 s). */
function deadlineOf(request: { headers: Record<string, unknown> }): OrderDeadline {
  const raw = request.headers[ORDER_DEADLINE_HEADER];
  const ms = raw === undefined ? DEFAULT_ORDER_DEADLINE_MS : Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 60_000)
    throw new AppError('VALIDATION_FAILED', `${ORDER_DEADLINE_HEADER} must be 100-60000 (ms).`);
  return new OrderDeadline(Date.now() + ms);
}

export const orderRoutes = (deps: ApiDeps): OrderRoutes => ({
  trade: async ({ scope, principal, body, request, reply, requestId }) => {
    const deadline = deadlineOf(request);
    return withinDeadline(trade(), deadline);
    async function trade() {
      if (!deps.flags.isOn('manualTrading'))
        throw new AppError('FEATURE_DISABLED', 'Manual trading is switched off.');
      assertKnownSymbols(deps, [body.symbol]);
      await assertProfileVisible(deps.profiles, principal, body.profileId);
      return idempotent(
        { store: deps.store, scope, userId: principal.userId, request, reply },
        async (orderKey) => {
          const result = await deps.engine.submitManualOrder({
            tenantId: scope.tenantId,
            userId: principal.userId,
            body,
            requestId,
            orderKey,
            deadlineAt: deadline.at,
            gate: deadline,
          });
          await deps.audit.record({
            actor: actorOf(principal),
            tenantId: scope.tenantId,
            action: 'trade.manual',
            target: `profile:${body.profileId}`,
            after:
              result.kind === 'placed'
                ? {
                    orderId: result.order.id,
                    clientOrderId: result.order.clientOrderId,
                    symbol: body.symbol,
                    side: body.side,
                    quantity: body.quantity,
                  }
                : { denied: result.reasons },
            requestId,
          });
          return settle(result);
        },
      );
    }
  },
  close: async ({ scope, principal, body, request, reply, requestId }) => {
    const deadline = deadlineOf(request);
    return withinDeadline(close(), deadline);
    async function close() {
      await assertProfileVisible(deps.profiles, principal, body.profileId);
      // Without a key every close is its own order (never keyed by the caller's x-request-id).
      const run = async (orderKey: string = randomUUID()) => {
        const result = await deps.engine.closePosition({
          tenantId: scope.tenantId,
          userId: principal.userId,
          profileId: body.profileId,
          symbol: body.symbol,
          requestId,
          orderKey,
          reason: body.reason,
          deadlineAt: deadline.at,
          gate: deadline,
        });
        await deps.audit.record({
          actor: actorOf(principal),
          tenantId: scope.tenantId,
          action: 'trade.close',
          target: `profile:${body.profileId}:${body.symbol}`,
          after:
            result.kind === 'placed'
              ? {
                  orderId: result.order.id,
                  clientOrderId: result.order.clientOrderId,
                  ...viaOf(request),
                }
              : { denied: result.reasons, ...viaOf(request) },
          reason: body.reason ?? null,
          requestId,
        });
        return settle(result);
      };
      // Closing is naturally idempotent (a flat position has nothing to close), so the key is optional.
      if (request.headers['idempotency-key'])
        return idempotent(
          { store: deps.store, scope, userId: principal.userId, request, reply },
          run,
        );
      return (await run()).body;
    }
  },
  cancelOrder: async ({ scope, principal, params, requestId }) => {
    // Owner or an admin of the tenant; an order the caller may not see does not exist for them.
    const stored = await deps.store.getOrder(scope, params.id);
    if (!stored || !stored.profileId) throw new AppError('NOT_FOUND');
    await assertProfileVisible(deps.profiles, principal, stored.profileId);
    const r = await deps.engine.cancelOrder({
      tenantId: scope.tenantId,
      clientOrderId: stored.clientOrderId,
    });
    if (r.kind === 'not-found') throw new AppError('NOT_FOUND');
    if (r.kind === 'not-cancellable') throw new AppError('UNPROCESSABLE', r.message);
    // Idempotent: a repeat (or an order that was already final) answers the order as it is,
    // and only a cancel that took effect is audited.
    if (r.kind === 'cancelled') {
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: 'order.cancel',
        target: `order:${r.order.id}`,
        before: { status: stored.status, filledQuantity: stored.filledQuantity },
        after: { status: r.order.status, filledQuantity: r.order.filledQuantity },
        requestId,
      });
    }
    return r.order;
  },
});

import { DecimalString } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import {
  type ExecutionClient,
  ExecutionError,
  type SubmitOrderRequest,
} from '../../ports/execution-client.js';

/** What one adapter supplies to the shared suite (Hummingbot style: the suite is the same for all). */
export interface ContractFixture {
  readonly client: ExecutionClient;
  /** A market order the venue will accept and fill. */
  readonly marketOrder: SubmitOrderRequest;
  /** A client order id the venue has never seen. */
  readonly unknownClientOrderId: string;
  failNextRead(): void;
  failNextSubmit(how: 'timeout' | 'rate-limit'): void;
}

/** The behaviour every ExecutionClient must show; each adapter's test calls this with its fixture. */
export function executionClientContract(name: string, make: () => Promise<ContractFixture>): void {
  describe(`${name}: ExecutionClient contract`, () => {
    it('acknowledges a submit with the same client order id and decimal strings', async () => {
      const f = await make();
      await f.client.connect();
      const ack = await f.client.submitOrder(f.marketOrder);
      expect(ack.clientOrderId).toBe(f.marketOrder.clientOrderId);
      expect(ack.exchangeOrderId.length).toBeGreaterThan(0);
      for (const v of [ack.quantity, ack.filledQuantity])
        expect(DecimalString.safeParse(v).success).toBe(true);
    });

    it('answers null for a client order id it does not know', async () => {
      const f = await make();
      await f.client.connect();
      expect(
        await f.client.fetchOrderByClientId({
          clientOrderId: f.unknownClientOrderId,
          symbol: f.marketOrder.symbol,
        }),
      ).toBeNull();
    });

    it('reports the fills of a placed order with trade ids and the client order id', async () => {
      const f = await make();
      await f.client.connect();
      await f.client.submitOrder(f.marketOrder);
      const fills = await f.client.fetchFills({ since: 0, symbol: f.marketOrder.symbol });
      expect(fills.length).toBeGreaterThan(0);
      for (const x of fills) {
        expect(x.clientOrderId).toBe(f.marketOrder.clientOrderId);
        expect(x.exchangeTradeId.length).toBeGreaterThan(0);
        expect(
          DecimalString.safeParse(x.price).success && DecimalString.safeParse(x.fee).success,
        ).toBe(true);
      }
    });

    it('throws on a failed read instead of answering "no orders"', async () => {
      const f = await make();
      await f.client.connect();
      f.failNextRead();
      const err = await f.client.fetchOpenOrders(f.marketOrder.symbol).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ExecutionError);
      expect((err as ExecutionError).kind).toBe('retryable');
    });

    it('reports a timed-out submit as outcome-unknown and a rate-limited one as retryable', async () => {
      const f = await make();
      await f.client.connect();
      f.failNextSubmit('timeout');
      await expect(f.client.submitOrder(f.marketOrder)).rejects.toMatchObject({
        kind: 'outcome-unknown',
      });
      const g = await make();
      await g.client.connect();
      g.failNextSubmit('rate-limit');
      await expect(g.client.submitOrder(g.marketOrder)).rejects.toMatchObject({
        kind: 'retryable',
      });
    });

    it('can be disposed twice', async () => {
      const f = await make();
      await f.client.dispose();
      await f.client.dispose();
    });
  });
}

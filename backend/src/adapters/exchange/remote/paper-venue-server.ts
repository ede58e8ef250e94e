import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ExecutionError,
  type ExecutionReport,
  type OrderRef,
  type SubmitOrderRequest,
} from '../../../ports/execution-client.js';
import type { PaperExchange } from '../paper/paper-exchange.js';
import type { PaperExecutionClient } from '../paper/paper-execution-client.js';

const Account = z.strictObject({ account: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) });
const OrderParams = Account.extend({ clientOrderId: z.string().min(1).max(64) });
const Submit = z.strictObject({
  clientOrderId: z.string().min(1).max(64),
  symbol: z.string().min(1).max(20),
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['MARKET', 'LIMIT', 'STOP']),
  quantity: z.string().max(40),
  limitPrice: z.string().max(40).nullable(),
  stopPrice: z.string().max(40).nullable(),
  reduceOnly: z.boolean(),
});

/** How many reports each account keeps for pollers; old ones fall off the front. */
const REPORT_BUFFER = 5000;

/**
 * A paper venue served over HTTP, so its state lives outside any backend process: several
 * backends (or a backend that is killed and restarted) trade against one book, exactly as they
 * would against a real exchange. Execution reports are buffered per account and polled by seq.
 */
export interface PaperVenueServer {
  app: FastifyInstance;
  /** Submit requests seen per account and client order id: a resend would show as 2. */
  submitAttempts: Map<string, number>;
  /** Every submit request in arrival order, with the sender it named (`x-sender`). */
  submissions: VenueSubmission[];
}

export interface VenueSubmission {
  account: string;
  clientOrderId: string;
  sender: string | null;
  at: number;
}

export function createPaperVenueServer(exchange: PaperExchange): PaperVenueServer {
  const app = Fastify({ logger: false });
  const submitAttempts = new Map<string, number>();
  const submissions: VenueSubmission[] = [];
  const clients = new Map<string, PaperExecutionClient>();
  const reports = new Map<string, { seq: number; report: ExecutionReport }[]>();
  let seq = 0;

  const clientOf = (account: string): PaperExecutionClient => {
    let c = clients.get(account);
    if (!c) {
      c = exchange.client(account);
      const buf: { seq: number; report: ExecutionReport }[] = [];
      reports.set(account, buf);
      c.onReport((report) => {
        buf.push({ seq: ++seq, report });
        if (buf.length > REPORT_BUFFER) buf.splice(0, buf.length - REPORT_BUFFER);
      });
      clients.set(account, c);
    }
    return c;
  };

  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof ExecutionError) {
      return reply.status(error.kind === 'non-retryable' ? 422 : 503).send({
        error: {
          kind: error.kind,
          venueCode: error.venueCode,
          retryAfterMs: error.retryAfterMs ?? null,
        },
      });
    }
    if (error instanceof z.ZodError)
      return reply
        .status(400)
        .send({ error: { kind: 'non-retryable', venueCode: 'BAD_REQUEST', retryAfterMs: null } });
    return reply
      .status(500)
      .send({ error: { kind: 'retryable', venueCode: 'VENUE_ERROR', retryAfterMs: null } });
  });

  app.post('/accounts/:account/orders', async (req) => {
    const { account } = Account.parse(req.params);
    const body = Submit.parse(req.body) as SubmitOrderRequest;
    const key = `${account}|${body.clientOrderId}`;
    submitAttempts.set(key, (submitAttempts.get(key) ?? 0) + 1);
    const sender = req.headers['x-sender'];
    submissions.push({
      account,
      clientOrderId: body.clientOrderId,
      sender: typeof sender === 'string' ? sender.slice(0, 64) : null,
      at: Date.now(),
    });
    return clientOf(account).submitOrder(body);
  });
  app.post('/accounts/:account/orders/:clientOrderId/cancel', async (req) => {
    const { account, clientOrderId } = OrderParams.parse(req.params);
    const { symbol } = z.strictObject({ symbol: z.string().max(20) }).parse(req.body);
    return clientOf(account).cancelOrder({ clientOrderId, symbol } satisfies OrderRef);
  });
  app.get('/accounts/:account/orders/:clientOrderId', async (req) => {
    const { account, clientOrderId } = OrderParams.parse(req.params);
    return { order: await clientOf(account).fetchOrderByClientId({ clientOrderId, symbol: '' }) };
  });
  app.get('/accounts/:account/open-orders', async (req) => {
    const { account } = Account.parse(req.params);
    const { symbol } = z.object({ symbol: z.string().optional() }).parse(req.query);
    return clientOf(account).fetchOpenOrders(symbol);
  });
  app.get('/accounts/:account/positions', async (req) =>
    clientOf(Account.parse(req.params).account).fetchPositions(),
  );
  app.get('/accounts/:account/balances', async (req) =>
    clientOf(Account.parse(req.params).account).fetchBalances(),
  );
  app.get('/accounts/:account/fills', async (req) => {
    const { account } = Account.parse(req.params);
    const q = z
      .object({ since: z.coerce.number(), symbol: z.string().optional() })
      .parse(req.query);
    return clientOf(account).fetchFills(
      q.symbol ? { since: q.since, symbol: q.symbol } : { since: q.since },
    );
  });
  app.get('/accounts/:account/reports', async (req) => {
    const { account } = Account.parse(req.params);
    const { after } = z.object({ after: z.coerce.number().int().min(0) }).parse(req.query);
    clientOf(account);
    const buf = reports.get(account) ?? [];
    return { reports: buf.filter((r) => r.seq > after), last: seq };
  });
  app.get('/health', async () => ({ ok: true }));
  return { app, submitAttempts, submissions };
}

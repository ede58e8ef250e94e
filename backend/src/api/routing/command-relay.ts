import { AppError, ERROR_CODES, type ErrorCode } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { EngineFacade, ManualOrderResult } from '../engine-facade.js';
import { OrderDeadline, deadlinePassed } from '../../services/order-deadline.js';
import type { ChangeBus } from '../../ports/change-bus.js';
import { tenantScope, type LoopCommand, type LoopCommandStore } from '../../ports/store.js';

type TradeInput = Parameters<EngineFacade['submitManualOrder']>[0];
type CloseInput = Parameters<EngineFacade['closePosition']>[0];
type CancelInput = Parameters<EngineFacade['cancelOrder']>[0];
type CancelResult = Awaited<ReturnType<EngineFacade['cancelOrder']>>;
type ResolveInput = Parameters<EngineFacade['resolveBlock']>[0];
type ResolveResult = Awaited<ReturnType<EngineFacade['resolveBlock']>>;

/** Default deadline of an order request that names none (see ORDER_DEADLINE_HEADER). */
export const DEFAULT_ORDER_DEADLINE_MS = 10_000;
/** How often the owner looks for commands and a waiter for its answer without a notification. */
const POLL_MS = 250;
/** A command left running this long by an instance that lost the tenant is taken over. */
const STALE_RUNNING_MS = 15_000;

export interface CommandRelayDeps {
  store: LoopCommandStore;
  bus: ChangeBus;
  engine: EngineFacade;
  instanceId: string;
  /** Tenants whose loop this instance holds. */
  held: () => readonly string[];
  logger: Pick<Logger, 'warn' | 'error'>;
  now?: () => number;
}

const errorResult = (e: unknown): Record<string, unknown> => {
  const err = e instanceof AppError ? e : new AppError('INTERNAL');
  return { kind: 'error', code: err.code, message: err.message };
};

/**
 * Any instance serves any tenant. An order request for a tenant whose loop runs on another
 * instance becomes a row in `loop_commands` (with its deadline and its order key as id, so a
 * retry finds the same command), announced by NOTIFY in the same transaction; the instance
 * holding the tenant's lease claims it, runs it through its engine exactly as a local request
 * (the order key makes a second run return the first order), and writes the answer back; the
 * instance that took the request answers with it. A command still pending at its deadline is
 * never executed: the caller gets ORDER_DEADLINE_PASSED ("not sent"), and the owner skips it.
 */
export class CommandRelay {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private readonly waiters = new Map<string, () => void>();
  private readonly now: () => number;
  private readonly off: () => void;

  constructor(private readonly d: CommandRelayDeps) {
    this.now = d.now ?? Date.now;
    this.off = d.bus.subscribe((topic) => {
      if (topic !== 'commands') return;
      this.kick();
      for (const wake of this.waiters.values()) wake();
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.off();
    for (const wake of this.waiters.values()) wake();
  }

  /** The owner's side: claim this instance's tenants' commands and run them, one pass at a time. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    const held = this.d.held();
    if (held.length === 0) return;
    this.running = true;
    void this.runClaimed(held)
      .catch((err: unknown) => this.d.logger.warn({ err }, 'loop commands not claimed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async runClaimed(held: readonly string[]): Promise<void> {
    const claimed = await this.d.store.claimCommands({
      tenantIds: held,
      instanceId: this.d.instanceId,
      staleRunningMs: STALE_RUNNING_MS,
    });
    await Promise.all(
      claimed
        .filter((c) => c.status === 'running')
        .map(async (c) => {
          const result = await this.execute(c);
          await this.d.store.finishCommand(tenantScope(c.tenantId), {
            id: c.id,
            status: 'done',
            result,
          });
        }),
    );
  }

  private async execute(c: LoopCommand): Promise<Record<string, unknown>> {
    // The owner holds the same deadline: an order whose intent commits after it is not sent.
    const gate = new OrderDeadline(Date.parse(c.deadlineAt), this.now);
    try {
      const r =
        c.kind === 'trade'
          ? await this.d.engine.submitManualOrder({ ...(c.payload as unknown as TradeInput), gate })
          : c.kind === 'close'
            ? await this.d.engine.closePosition({ ...(c.payload as unknown as CloseInput), gate })
            : c.kind === 'resolve'
              ? await this.d.engine.resolveBlock(c.payload as unknown as ResolveInput)
              : await this.d.engine.cancelOrder(c.payload as unknown as CancelInput);
      return r;
    } catch (e) {
      return errorResult(e);
    }
  }

  /** The requesting side: hands the command to the tenant's owner and waits for its answer. */
  async forward(
    kind: 'trade' | 'close',
    input: TradeInput | CloseInput,
    deadlineAt: number,
  ): Promise<ManualOrderResult> {
    const r = await this.relay(
      { tenantId: input.tenantId, id: input.orderKey, kind, payload: input },
      deadlineAt,
    );
    return r as unknown as ManualOrderResult;
  }

  /** A cancel for an order of a tenant whose loop runs elsewhere (cancels are idempotent). */
  async forwardCancel(
    input: CancelInput,
    requestId: string,
    deadlineAt: number,
  ): Promise<CancelResult> {
    const id = `cancel:${input.clientOrderId}:${requestId}`.slice(0, 200);
    const r = await this.relay(
      { tenantId: input.tenantId, id, kind: 'cancel', payload: input },
      deadlineAt,
    );
    return r as unknown as CancelResult;
  }

  /** A block resolution for a tenant whose loop runs elsewhere (one command per request id). */
  async forwardResolve(input: ResolveInput, deadlineAt: number): Promise<ResolveResult> {
    const id = `resolve:${input.profileId}:${input.requestId}`.slice(0, 200);
    const r = await this.relay(
      { tenantId: input.tenantId, id, kind: 'resolve', payload: input },
      deadlineAt,
    );
    return r as unknown as ResolveResult;
  }

  private async relay(
    cmd: Pick<LoopCommand, 'tenantId' | 'id' | 'kind'> & { payload: object },
    deadlineAt: number,
  ): Promise<Record<string, unknown>> {
    const scope = tenantScope(cmd.tenantId);
    const id = cmd.id;
    const submitted = await this.d.store.submitCommand(scope, {
      id,
      kind: cmd.kind,
      payload: cmd.payload as Record<string, unknown>,
      deadlineAt: new Date(deadlineAt).toISOString(),
    });
    let c: LoopCommand | null = submitted;
    while (c && (c.status === 'pending' || c.status === 'running')) {
      const left = deadlineAt - this.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.min(POLL_MS, left));
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.waiters.set(id, done);
      });
      this.waiters.delete(id);
      c = await this.d.store.getCommand(scope, id);
    }
    if (c && (c.status === 'pending' || c.status === 'running')) {
      // Deadline: a command nobody took is withdrawn, so it is never executed.
      c =
        (await this.d.store.finishCommand(scope, { id, status: 'expired', result: null })) ??
        (await this.d.store.getCommand(scope, id));
    }
    return this.answer(c);
  }

  private answer(c: LoopCommand | null): Record<string, unknown> {
    if (c?.status === 'done' && c.result) {
      if (c.result.kind === 'error') {
        const code = String(c.result.code);
        throw code in ERROR_CODES
          ? new AppError(code as ErrorCode, String(c.result.message))
          : new AppError('INTERNAL');
      }
      return c.result;
    }
    if (c?.status === 'expired') throw deadlinePassed();
    throw new AppError(
      'NOT_READY',
      "The tenant's loop is still placing this order; retry with the same Idempotency-Key for its result.",
      { details: { retryAfterSeconds: 1 } },
    );
  }
}

import { AppError, type OrderStatus } from '@bytelyst/trading-contracts';

/**
 * NEW -> SUBMITTED -> PARTIALLY_FILLED -> FILLED | CANCELLED | REJECTED | EXPIRED.
 * NEW may jump straight to a fill state: an order whose submit timed out is still NEW here, and
 * the venue's answer may be that it already filled.
 */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  NEW: ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'],
  SUBMITTED: ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED'],
  FILLED: [],
  CANCELLED: [],
  REJECTED: [],
  EXPIRED: [],
};

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
]);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

/** An order asked to move where the state machine does not go. */
export class IllegalOrderTransition extends AppError {
  readonly from: OrderStatus;
  readonly to: OrderStatus;

  constructor(options: { orderId: string; from: OrderStatus; to: OrderStatus }) {
    super(
      'CONFLICT',
      `order ${options.orderId}: illegal transition ${options.from} -> ${options.to}`,
      {
        details: { reasons: ['ILLEGAL_ORDER_TRANSITION'] },
      },
    );
    this.name = 'IllegalOrderTransition';
    this.from = options.from;
    this.to = options.to;
  }
}

/** Returns `to` if the move is legal, else throws IllegalOrderTransition. Same-state is a no-op. */
export function transition(options: {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
}): OrderStatus {
  if (!canTransition(options.from, options.to)) throw new IllegalOrderTransition(options);
  return options.to;
}

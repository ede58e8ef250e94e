/**
 * Binance spot's own error codes and texts (developers.binance.com, "Error codes"), with the
 * HTTP status Binance answers each with. ccxt maps these codes (and a few exact texts) to its
 * error classes, so the local exchange must use the real ones.
 */
export const BINANCE_ERRORS = {
  tooManyRequests: {
    status: 429,
    code: -1003,
    msg: 'Too many requests; current limit is exceeded. Please use the websocket for live updates to avoid bans.',
  },
  timestampOutsideRecvWindow: {
    status: 400,
    code: -1021,
    msg: 'Timestamp for this request is outside of the recvWindow.',
  },
  badSignature: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
  mandatoryParam: {
    status: 400,
    code: -1102,
    msg: 'A mandatory parameter was not sent, was empty/null, or malformed.',
  },
  listenKeyNotFound: { status: 400, code: -1125, msg: 'This listenKey does not exist.' },
  badSymbol: { status: 400, code: -1121, msg: 'Invalid symbol.' },
  lotSize: { status: 400, code: -1013, msg: 'Filter failure: LOT_SIZE' },
  priceFilter: { status: 400, code: -1013, msg: 'Filter failure: PRICE_FILTER' },
  insufficientBalance: {
    status: 400,
    code: -2010,
    msg: 'Account has insufficient balance for requested action.',
  },
  duplicateOrder: { status: 400, code: -2010, msg: 'Duplicate order sent.' },
  orderRejected: { status: 400, code: -2010, msg: 'Order was rejected.' },
  unknownOrder: { status: 400, code: -2011, msg: 'Unknown order sent.' },
  noSuchOrder: { status: 400, code: -2013, msg: 'Order does not exist.' },
  invalidKey: { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  unknownRoute: { status: 404, code: -1000, msg: 'Unknown route.' },
} as const;
export type BinanceErrorName = keyof typeof BINANCE_ERRORS;

export class BinanceError extends Error {
  constructor(readonly name_: BinanceErrorName) {
    super(BINANCE_ERRORS[name_].msg);
  }
  get status(): number {
    return BINANCE_ERRORS[this.name_].status;
  }
  body(): { code: number; msg: string } {
    const e = BINANCE_ERRORS[this.name_];
    return { code: e.code, msg: e.msg };
  }
}

import ccxt from 'ccxt';
import { ExecutionError, type ExecutionErrorKind } from '../../../ports/execution-client.js';

/** Calls that change state at the venue, whose outcome a lost answer leaves unknown. */
export type CallKind = 'mutation' | 'read';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Venue errors by ccxt error CLASS (ccxt maps each venue's codes to its class hierarchy); never
 * by message text. Most specific classes first. The column says what a failed mutation and a
 * failed read mean.
 */
const RULES: readonly [ErrorClass, ExecutionErrorKind, ExecutionErrorKind][] = [
  // Refused before processing: nothing happened, try again later.
  [ccxt.RateLimitExceeded, 'retryable', 'retryable'],
  [ccxt.DDoSProtection, 'retryable', 'retryable'],
  [ccxt.InvalidNonce, 'retryable', 'retryable'],
  // The request may have been processed: a mutation's outcome is unknown, a read can be repeated.
  [ccxt.RequestTimeout, 'outcome-unknown', 'retryable'],
  [ccxt.ExchangeNotAvailable, 'outcome-unknown', 'retryable'],
  [ccxt.NetworkError, 'outcome-unknown', 'retryable'],
  [ccxt.BadResponse, 'outcome-unknown', 'retryable'],
  [ccxt.CancelPending, 'outcome-unknown', 'retryable'],
  // Our client order id is already at the venue: the order landed earlier; settle by asking.
  [ccxt.DuplicateOrderId, 'outcome-unknown', 'non-retryable'],
  // The client cannot work: stop and alert.
  [ccxt.AuthenticationError, 'fatal', 'fatal'],
  [ccxt.NotSupported, 'fatal', 'fatal'],
  [ccxt.InvalidProxySettings, 'fatal', 'fatal'],
  [ccxt.ExchangeClosedByUser, 'fatal', 'fatal'],
  // The venue refused this request: do not repeat it.
  [ccxt.InsufficientFunds, 'non-retryable', 'non-retryable'],
  [ccxt.InvalidOrder, 'non-retryable', 'non-retryable'],
  [ccxt.BadRequest, 'non-retryable', 'non-retryable'],
  [ccxt.ArgumentsRequired, 'non-retryable', 'non-retryable'],
  [ccxt.OperationRejected, 'non-retryable', 'non-retryable'],
  [ccxt.InvalidAddress, 'non-retryable', 'non-retryable'],
  [ccxt.ExchangeError, 'non-retryable', 'non-retryable'],
  [ccxt.OperationFailed, 'outcome-unknown', 'retryable'],
];

export function classifyVenueError(error: unknown, call: CallKind): ExecutionError {
  if (error instanceof ExecutionError) return error;
  for (const [cls, mutation, read] of RULES) {
    if (error instanceof cls) {
      return new ExecutionError({
        kind: call === 'mutation' ? mutation : read,
        venueCode: error.constructor.name,
        message: error.message.slice(0, 500),
        cause: error,
      });
    }
  }
  // Not a ccxt error (a bug, or a transport failure ccxt did not wrap): assume nothing is known.
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return new ExecutionError({
    kind: call === 'mutation' ? 'outcome-unknown' : 'retryable',
    venueCode: `UNCLASSIFIED_${name}`,
    cause: error,
  });
}

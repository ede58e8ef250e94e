import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, ErrorEnvelopeSchema } from './errors.js';

describe('error contract', () => {
  it('every code has an HTTP status and a human message', () => {
    for (const [code, { status, message }] of Object.entries(ERROR_CODES)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(message.length, code).toBeGreaterThan(3);
    }
  });
  it('AppError renders a valid envelope with the request id', () => {
    const e = new AppError('VALIDATION_FAILED', undefined, {
      details: { issues: [{ path: 'quantity', message: 'must be greater than zero' }] },
    });
    const env = e.toEnvelope('req-1');
    expect(ErrorEnvelopeSchema.parse(env)).toEqual(env);
    expect(e.status).toBe(400);
    expect(env.error.requestId).toBe('req-1');
  });
  it('rejects unknown codes, missing request ids and extra keys', () => {
    expect(
      ErrorEnvelopeSchema.safeParse({ error: { code: 'NOPE', message: 'x', requestId: 'r' } })
        .success,
    ).toBe(false);
    expect(
      ErrorEnvelopeSchema.safeParse({ error: { code: 'INTERNAL', message: 'x' } }).success,
    ).toBe(false);
    expect(
      ErrorEnvelopeSchema.safeParse({
        error: { code: 'INTERNAL', message: 'x', requestId: 'r', stack: 'at' },
      }).success,
    ).toBe(false);
  });
});

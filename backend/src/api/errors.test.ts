import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { toAppError as fromDriver } from '../adapters/store/driver.js';
import { sendError } from './errors.js';

describe('error responses', () => {
  it('never send a SQLSTATE or constraint name, on a 500 or a refusal', async () => {
    const app = Fastify();
    app.setErrorHandler((e, req, reply) => sendError(req, reply, e));
    // 22021: invalid byte sequence (a NUL in text); 23505: unique violation.
    app.get('/nul', () => {
      throw fromDriver({ code: '22021' });
    });
    app.get('/dup', () => {
      throw fromDriver({ code: '23505', constraint: 'profiles_pkey' });
    });
    for (const [path, status] of [
      ['/nul', 500],
      ['/dup', 409],
    ] as const) {
      const r = await app.inject({ url: path });
      expect(r.statusCode).toBe(status);
      expect(r.body).not.toMatch(/22021|23505|profiles_pkey|storage/);
    }
    await app.close();
  });
});

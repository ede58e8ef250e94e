import { API_ROUTES } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './response-serializer.js';

describe('response serializer', () => {
  it('relies on response schemas having no transforms or codecs (parse = encode)', () => {
    for (const [name, def] of Object.entries(API_ROUTES)) {
      expect(
        () => z.toJSONSchema(def.response, { io: 'output', unrepresentable: 'throw' }),
        name,
      ).not.toThrow();
    }
    const withTransform = z.object({ a: z.string().transform((s) => s.length) });
    expect(() =>
      z.toJSONSchema(withTransform, { io: 'output', unrepresentable: 'throw' }),
    ).toThrow();
  });

  it('writes a valid response and refuses one that breaks its contract', () => {
    const serialize = responseSerializer({
      schema: z.strictObject({ id: z.string(), qty: z.string().regex(/^\d+$/) }),
      method: 'GET',
      url: '/x',
      httpStatus: '200',
    }) as (data: unknown) => string;
    expect(serialize({ id: 'a', qty: '1' })).toBe('{"id":"a","qty":"1"}');
    expect(() => serialize({ id: 'a', qty: '1', secret: 'x' })).toThrow();
    expect(() => serialize({ id: 'a', qty: 1 })).toThrow();
  });
});

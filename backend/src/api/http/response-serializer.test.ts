import { API_ROUTES } from '@bytelyst/trading-contracts';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { isDeeplyFrozen, responseSerializer } from './response-serializer.js';

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

  describe('list responses', () => {
    const Item = z.strictObject({ id: z.string(), qty: z.string().regex(/^\d+$/) });
    const compile = (schema: z.ZodType) =>
      responseSerializer({ schema, method: 'GET', url: '/x', httpStatus: '200' }) as (
        data: unknown,
      ) => string;

    it('writes the same JSON as a whole parse, envelope keys included', () => {
      const schema = z.strictObject({ items: z.array(Item), nextCursor: z.string().nullable() });
      const body = {
        items: [
          { id: 'a', qty: '1' },
          { id: 'b', qty: '2' },
        ],
        nextCursor: 'c',
      };
      expect(JSON.parse(compile(schema)(body))).toEqual(body);
      expect(compile(schema)({ items: [], nextCursor: null })).toBe(
        '{"items":[],"nextCursor":null}',
      );
      expect(compile(z.strictObject({ items: z.array(Item) }))({ items: [] })).toBe('{"items":[]}');
    });

    it('refuses a bad item, a bad envelope and an extra envelope key', () => {
      const serialize = compile(z.strictObject({ items: z.array(Item), nextCursor: z.string() }));
      expect(() => serialize({ items: [{ id: 'a', qty: 'x' }], nextCursor: 'c' })).toThrow();
      expect(() => serialize({ items: [], nextCursor: 1 })).toThrow();
      expect(() => serialize({ items: [], nextCursor: 'c', tenantId: 't' })).toThrow();
      expect(() => serialize({ items: 'nope', nextCursor: 'c' })).toThrow();
    });

    it('remembers the check of a deeply frozen item only', () => {
      const serialize = compile(z.strictObject({ items: z.array(Item) }));
      const frozen = Object.freeze({ id: 'a', qty: '1' });
      const spy = vi.spyOn(Item, 'safeParse');
      serialize({ items: [frozen] });
      serialize({ items: [frozen] });
      expect(spy).toHaveBeenCalledTimes(1);
      const open = { id: 'b', qty: '2' };
      serialize({ items: [open] });
      open.qty = 'broken';
      // Not frozen: checked again, and the change is caught.
      expect(() => serialize({ items: [open] })).toThrow();
      expect(spy).toHaveBeenCalledTimes(3);
      spy.mockRestore();
    });

    it('treats a frozen shell around a mutable value as not frozen', () => {
      expect(isDeeplyFrozen(Object.freeze({ a: Object.freeze({ b: 1 }) }))).toBe(true);
      expect(isDeeplyFrozen(Object.freeze({ a: { b: 1 } }))).toBe(false);
      expect(isDeeplyFrozen({ a: 1 })).toBe(false);
    });
  });
});

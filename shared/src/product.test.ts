import { describe, expect, it } from 'vitest';
import productJson from '../product.json' with { type: 'json' };
import { PRODUCT, ProductIdentitySchema } from './product.js';

describe('product identity', () => {
  it('product.json carries every PRD §11 field and validates', () => {
    expect(ProductIdentitySchema.parse(productJson)).toEqual(PRODUCT);
    expect(Object.keys(productJson).sort()).toEqual(
      Object.keys(ProductIdentitySchema.shape).sort(),
    );
  });

  it('rejects unknown fields and malformed values', () => {
    expect(ProductIdentitySchema.safeParse({ ...productJson, extra: 1 }).success).toBe(false);
    expect(ProductIdentitySchema.safeParse({ ...productJson, backendPort: 70000 }).success).toBe(
      false,
    );
    expect(
      ProductIdentitySchema.safeParse({ ...productJson, productId: 'Has Spaces' }).success,
    ).toBe(false);
  });
});

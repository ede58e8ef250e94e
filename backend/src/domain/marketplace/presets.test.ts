import { MarketplacePreset } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { MARKETPLACE_PRESETS } from './presets.js';

describe('marketplace presets', () => {
  it('every preset is a valid contract value with a unique id', () => {
    for (const p of MARKETPLACE_PRESETS)
      expect(MarketplacePreset.safeParse(p).error?.issues ?? [], p.id).toEqual([]);
    expect(new Set(MARKETPLACE_PRESETS.map((p) => p.id)).size).toBe(MARKETPLACE_PRESETS.length);
  });
});

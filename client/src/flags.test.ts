import { DEFAULT_FEATURE_FLAGS } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { resolveFlags } from './flags.js';

describe('resolveFlags', () => {
  const platformOn = { source: 'platform', isEnabled: (k: string) => k === 'tabs.marketplace' };

  it('prefers the backend merged flags', () => {
    const backend = { ...DEFAULT_FEATURE_FLAGS, 'tabs.membership': true };
    expect(resolveFlags(backend, platformOn)).toBe(backend);
  });

  it('falls back to platform flags, then to the safe defaults', () => {
    expect(resolveFlags(undefined, platformOn)['tabs.marketplace']).toBe(true);
    expect(resolveFlags(undefined, platformOn)['tabs.membership']).toBe(false);
    expect(resolveFlags(undefined, { source: 'default', isEnabled: () => true })).toBe(
      DEFAULT_FEATURE_FLAGS,
    );
  });
});

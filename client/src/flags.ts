import {
  DEFAULT_FEATURE_FLAGS,
  FEATURE_FLAG_KEYS,
  type FeatureFlags,
} from '@bytelyst/trading-contracts';

/**
 * Flags in layers: the backend's merged answer (platform + dynamic config + env) when it is
 * reachable, else the platform's own flags, else the safe defaults. The backend refuses
 * flag-off routes either way; this only decides what is shown.
 */
export function resolveFlags(
  backend: FeatureFlags | undefined,
  platform: { source: string; isEnabled: (k: string) => boolean },
): FeatureFlags {
  if (backend) return backend;
  if (platform.source !== 'platform') return DEFAULT_FEATURE_FLAGS;
  return Object.fromEntries(
    FEATURE_FLAG_KEYS.map((k) => [k, platform.isEnabled(k)]),
  ) as FeatureFlags;
}

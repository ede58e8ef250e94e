import {
  createFlagsClient,
  createPlatformClient,
  createProductStatusWatcher,
  createTelemetry,
  webStorageSessionStore,
} from '@bytelyst/platform-sdk';
import { DEFAULT_FEATURE_FLAGS, PRODUCT } from '@bytelyst/trading-contracts';
import { env } from '../config/env';

/**
 * The web's platform rails, created once per page from the shared SDK: identity with refresh,
 * the product kill switch / maintenance watcher, platform flags and telemetry. React reaches
 * them through @bytelyst/react-auth's AuthProvider; the web writes no auth of its own.
 */
export const platformClient = createPlatformClient({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  sessionStore: webStorageSessionStore(window.localStorage, `${PRODUCT.productId}.session`),
});

export const statusWatcher = createProductStatusWatcher({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
});

export const flagsClient = createFlagsClient({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  getAccessToken: platformClient.getAccessToken,
  defaults: { ...DEFAULT_FEATURE_FLAGS },
});

export const telemetry = createTelemetry({
  baseUrl: env.platformUrl,
  surface: 'web',
  appVersion: PRODUCT.version,
  getAccessToken: platformClient.getAccessToken,
  storage: window.localStorage,
  storageKey: `${PRODUCT.productId}.telemetry`,
});

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
const SESSION_KEY = `${PRODUCT.productId}.session`;

export const platformClient = createPlatformClient({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  sessionStore: webStorageSessionStore(window.localStorage, SESSION_KEY),
});

// Sign-out in one tab signs out the others: the session lives in localStorage, and another tab
// removing it arrives here as a storage event. The page starts over from the stored state (none),
// which shows the sign-in without calling the server with a session it already ended.
window.addEventListener('storage', (e) => {
  if (e.key === SESSION_KEY && e.newValue === null) window.location.reload();
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

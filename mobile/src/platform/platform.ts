import {
  createFlagsClient,
  createPlatformClient,
  createProductStatusWatcher,
  createTelemetry,
  keyValueSessionStore,
} from '@bytelyst/platform-sdk';
import { DEFAULT_FEATURE_FLAGS, PRODUCT } from '@bytelyst/trading-contracts';
import { Platform } from 'react-native';
import { env } from '../config/env';
import { createDeviceIdentity } from './device';
import { createLastStatusStore } from './last-status';
import { sessionStorage } from './secure-storage';

/**
 * The app's platform rails, created once from the shared SDK: identity with refresh (session in
 * secure storage so it survives restarts), the kill switch / maintenance watcher, platform flags
 * and telemetry. Screens reach them through @bytelyst/react-auth; the app writes no auth itself.
 */
const storage = sessionStorage();
const isWeb = Platform.OS === 'web';

export const platformClient = createPlatformClient({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  sessionStore: keyValueSessionStore(storage, `${PRODUCT.productId}.session`),
});

/**
 * Native React Native has neither EventSource nor streaming fetch bodies, so it polls (and the
 * app refreshes on every return to the foreground); the web build takes the SSE push.
 */
export const statusWatcher = createProductStatusWatcher({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  ...(isWeb ? {} : { EventSource: null, fetchStreaming: false, pollIntervalMs: 10_000 }),
});

export const flagsClient = createFlagsClient({
  baseUrl: env.platformUrl,
  productId: PRODUCT.productId,
  getAccessToken: platformClient.getAccessToken,
  defaults: { ...DEFAULT_FEATURE_FLAGS },
});

export const telemetry = createTelemetry({
  baseUrl: env.platformUrl,
  surface: 'mobile',
  appVersion: PRODUCT.version,
  getAccessToken: platformClient.getAccessToken,
  // Queued events are not secrets: native keeps them in memory rather than in the keychain.
  ...(isWeb ? { storage: window.localStorage } : {}),
  storageKey: `${PRODUCT.productId}.telemetry`,
});

/**
 * This phone, named in the audit row of every intervention it makes (install id + OS). The id
 * lives beside the session in secure storage; loading starts at once and is never awaited.
 */
export const device = createDeviceIdentity({
  storage,
  key: `${PRODUCT.productId}.device`,
  name: isWeb
    ? `web ${typeof navigator === 'undefined' ? '' : navigator.platform}`
    : `${Platform.OS} ${String(Platform.Version)}`,
});
void device.load().catch(() => undefined);

/**
 * The last product status heard, kept in secure storage with its time. Read once at launch
 * (before this run hears anything) for the relaunch-while-unreachable case; then every status
 * the watcher hears is saved.
 */
export const lastStatus = createLastStatusStore({
  storage,
  key: `${PRODUCT.productId}.lastStatus`,
});
export const lastStatusAtLaunch = lastStatus.load();
lastStatus.follow(statusWatcher);

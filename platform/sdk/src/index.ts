export {
  createPlatformClient,
  type AuthStatus,
  type ClientState,
  type PlatformClient,
  type PlatformClientOptions,
} from './platform-client.js';
export {
  createProductStatusWatcher,
  type ProductStatusState,
  type ProductStatusWatcher,
  type ProductStatusWatcherOptions,
  type WatcherConnection,
} from './status-watcher.js';
export {
  createFlagsClient,
  type FlagsClient,
  type FlagsClientOptions,
  type FlagsState,
} from './flags-client.js';
export { createTelemetry, type Telemetry, type TelemetryOptions } from './telemetry.js';
export {
  keyValueSessionStore,
  memorySessionStore,
  webStorageSessionStore,
  PlatformSessionSchema,
  type PlatformSession,
  type SessionStore,
} from './session-store.js';
export {
  PlatformRequestError,
  PlatformUnreachableError,
  isUnreachable,
  waitMessage,
} from './http.js';
export { sseParser, type EventSourceCtor, type EventSourceLike } from './sse.js';
export {
  newRequestId,
  systemClock,
  type Clock,
  type FetchLike,
  type KeyValueStorage,
} from './types.js';
export { createPlatformAdmin, type PlatformAdmin } from './admin-client.js';

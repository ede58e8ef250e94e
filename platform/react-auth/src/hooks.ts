import type {
  ClientState,
  FlagsState,
  PlatformSession,
  ProductStatusState,
} from '@bytelyst/platform-sdk';
import { useCallback, useSyncExternalStore } from 'react';
import { usePlatformContext } from './context.js';

const NO_WATCHER: ProductStatusState = {
  state: 'unknown',
  status: null,
  lastOkAt: null,
  transport: 'poll',
};
const NO_FLAGS: FlagsState = { flags: {}, updatedAt: null, source: 'default', stale: false };
const noop = () => () => undefined;

function useClientState(): ClientState {
  const { client } = usePlatformContext();
  return useSyncExternalStore(
    useCallback((cb: () => void) => client.subscribe(cb), [client]),
    client.getState,
    client.getState,
  );
}

export interface UseAuth {
  status: ClientState['status'];
  user: PlatformSession['user'] | null;
  /** The platform is unreachable (sign-in kept, shown as degraded; never as signed out). */
  degraded: boolean;
  signIn(credentials: { email: string; password: string }): Promise<PlatformSession>;
  signOut(): Promise<void>;
}

export function useAuth(): UseAuth {
  const { client, statusWatcher } = usePlatformContext();
  const state = useClientState();
  const status = useProductStatus();
  return {
    status: state.status,
    user: state.session?.user ?? null,
    degraded: state.degraded || (statusWatcher !== null && status.state === 'degraded'),
    signIn: client.signIn,
    signOut: client.signOut,
  };
}

/** The raw session (tokens included) for code that needs them; most UI wants `useAuth`. */
export function useSession(): PlatformSession | null {
  return useClientState().session;
}

export function useProductStatus(): ProductStatusState {
  const { statusWatcher } = usePlatformContext();
  return useSyncExternalStore(
    useCallback(
      (cb: () => void) => (statusWatcher ? statusWatcher.subscribe(cb) : noop()),
      [statusWatcher],
    ),
    () => statusWatcher?.getState() ?? NO_WATCHER,
    () => statusWatcher?.getState() ?? NO_WATCHER,
  );
}

export interface UseFeatureFlags extends FlagsState {
  isEnabled(key: string): boolean;
}

export function useFeatureFlags(): UseFeatureFlags {
  const { flagsClient } = usePlatformContext();
  const state = useSyncExternalStore(
    useCallback(
      (cb: () => void) => (flagsClient ? flagsClient.subscribe(cb) : noop()),
      [flagsClient],
    ),
    () => flagsClient?.getState() ?? NO_FLAGS,
    () => flagsClient?.getState() ?? NO_FLAGS,
  );
  return { ...state, isEnabled: (key: string) => state.flags[key] ?? false };
}

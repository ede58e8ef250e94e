import type { FlagsClient, PlatformClient, ProductStatusWatcher } from '@bytelyst/platform-sdk';
import { useEffect, useMemo, type ReactNode } from 'react';
import { AuthContext } from './context.js';

export interface AuthProviderProps {
  /** From `createPlatformClient` in @bytelyst/platform-sdk. */
  client: PlatformClient;
  /** From `createProductStatusWatcher`; without one, the product counts as available. */
  statusWatcher?: ProductStatusWatcher;
  flagsClient?: FlagsClient;
  /**
   * Start the watchers on mount and stop them on unmount (default). Turn off when the host
   * owns their lifecycle, e.g. to share them across several roots.
   */
  manageLifecycle?: boolean;
  children?: ReactNode;
}

/** The one auth and kill-switch bootstrap both surfaces use; neither writes its own. */
export function AuthProvider(props: AuthProviderProps) {
  const { client, statusWatcher, flagsClient, manageLifecycle = true } = props;

  useEffect(() => {
    if (!manageLifecycle) return;
    statusWatcher?.start();
    flagsClient?.start();
    return () => {
      statusWatcher?.stop();
      flagsClient?.stop();
    };
  }, [statusWatcher, flagsClient, manageLifecycle]);

  // Targeting depends on who is signed in: re-evaluate flags whenever that changes.
  useEffect(() => {
    if (!flagsClient) return;
    return client.onSessionChange(() => void flagsClient.refresh());
  }, [client, flagsClient]);

  const value = useMemo(
    () => ({ client, statusWatcher: statusWatcher ?? null, flagsClient: flagsClient ?? null }),
    [client, statusWatcher, flagsClient],
  );
  return <AuthContext.Provider value={value}>{props.children}</AuthContext.Provider>;
}

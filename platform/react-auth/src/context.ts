import type { FlagsClient, PlatformClient, ProductStatusWatcher } from '@bytelyst/platform-sdk';
import { createContext, useContext } from 'react';

export interface AuthContextValue {
  client: PlatformClient;
  statusWatcher: ProductStatusWatcher | null;
  flagsClient: FlagsClient | null;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function usePlatformContext(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('react-auth hooks must be used inside <AuthProvider>');
  return ctx;
}

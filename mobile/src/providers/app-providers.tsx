import { AuthProvider } from '@bytelyst/react-auth';
import { focusManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { AppState, Platform } from 'react-native';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { env } from '../config/env';
import { configureApi, forgetApi } from '../lib/api';
import { isApiError } from '@bytelyst/trading-client';
import {
  device,
  flagsClient,
  platformClient,
  statusWatcher,
  telemetry,
} from '../platform/platform';

// Every backend call carries the platform token and refreshes it once on a 401 (SDK), and says
// it comes from the app (and which phone), so the backend applies the tenant's mobile policy.
configureApi({
  baseUrl: env.tradingApiUrl,
  fetch: platformClient.authorizedFetch,
  defaultHeaders: device.headers,
  // Polls revalidate with the last ETag: an unchanged answer is a bodiless 304 (metered data).
  revalidateEntries: 64,
});

function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Only the network is worth retrying; a 4xx stays an answer.
        retry: (count, error) => count < 2 && isApiError(error) && error.transient,
        staleTime: 5_000,
      },
    },
  });
}

/**
 * Back in the foreground, the app asks the platform for the kill switch state at once (native
 * polls) and refetches what is on screen: a phone can sit in a pocket through a whole incident.
 */
function useForegroundRefresh() {
  useEffect(() => {
    if (Platform.OS === 'web') return;
    const sub = AppState.addEventListener('change', (s) => {
      const active = s === 'active';
      focusManager.setFocused(active);
      if (active) {
        void statusWatcher.refresh();
        void flagsClient.refresh();
      }
    });
    return () => sub.remove();
  }, []);
}

export function AppProviders({ children }: { children?: ReactNode }) {
  const [queryClient] = useState(newQueryClient);
  useForegroundRefresh();
  useEffect(() => {
    telemetry.start();
    telemetry.track('app_launched', { platform: Platform.OS });
    return () => telemetry.stop();
  }, []);
  // A different user (or none) must never see the previous user's cached state; a token
  // refresh keeps the same user and the cache.
  useEffect(() => {
    let userId = platformClient.getState().session?.user.id ?? null;
    return platformClient.onSessionChange((session) => {
      const next = session?.user.id ?? null;
      if (next !== userId) {
        queryClient.clear();
        forgetApi();
      }
      userId = next;
    });
  }, [queryClient]);
  return (
    <SafeAreaProvider>
      <AuthProvider client={platformClient} statusWatcher={statusWatcher} flagsClient={flagsClient}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AuthProvider>
    </SafeAreaProvider>
  );
}

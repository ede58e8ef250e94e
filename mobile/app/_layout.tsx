import { Slot } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { LaunchGate } from '../src/components/launch-gate';
import { lastStatusAtLaunch } from '../src/platform/platform';
import { AppProviders } from '../src/providers/app-providers';

/**
 * Launch-time kill switch: nothing of the app renders until the platform's status is known, or,
 * while it is unreachable, until the last status it gave (kept on the phone) has been read.
 */
export default function RootLayout() {
  return (
    <AppProviders>
      <StatusBar style="light" />
      <LaunchGate lastAtLaunch={lastStatusAtLaunch}>
        <Slot />
      </LaunchGate>
    </AppProviders>
  );
}

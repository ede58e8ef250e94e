import { ProductGate } from '@bytelyst/react-auth';
import { Slot } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { BlockedScreen, Splash } from '../src/components/blocked-screen';
import { AppProviders } from '../src/providers/app-providers';

/** Launch-time kill switch: nothing of the app renders until the platform's status is known. */
export default function RootLayout() {
  return (
    <AppProviders>
      <StatusBar style="light" />
      <ProductGate
        loading={<Splash label="Checking availability…" />}
        fallback={(block) => <BlockedScreen block={block} />}
      >
        <Slot />
      </ProductGate>
    </AppProviders>
  );
}

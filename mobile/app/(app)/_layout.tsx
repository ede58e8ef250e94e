import { useAuth } from '@bytelyst/react-auth';
import { Redirect } from 'expo-router';
import { Splash } from '../../src/components/blocked-screen';
import { AppTabs } from '../../src/features/shell/app-tabs';

export default function AppLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <Splash label="Restoring session…" />;
  if (status === 'signedOut') return <Redirect href="/sign-in" />;
  return <AppTabs />;
}

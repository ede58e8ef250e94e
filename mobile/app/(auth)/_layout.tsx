import { useAuth } from '@bytelyst/react-auth';
import { Redirect, Slot } from 'expo-router';
import { Splash } from '../../src/components/blocked-screen';

export default function AuthLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <Splash label="Restoring session…" />;
  if (status === 'signedIn') return <Redirect href="/" />;
  return <Slot />;
}

import { AuthProvider, ProductGate, useAuth, type GateBlock } from '@bytelyst/react-auth';
import { PRODUCT } from '@bytelyst/trading-contracts';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { env } from '../config/env';
import { ForgotPasswordPage } from '../features/auth/components/forgot-password-page';
import { ResetPasswordPage } from '../features/auth/components/reset-password-page';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { FORGOT_PATH, RESET_PATH } from '../features/auth/utils/auth-route';
import { configureApi } from '../lib/api';
import { navigate, useRoute } from '../lib/router';
import { isApiError } from '@bytelyst/trading-client';
import { AppShell } from './app-shell';
import { ProductBlocked, Restoring } from './gates';
import { flagsClient, platformClient, statusWatcher, telemetry } from './platform';

// Every backend call goes through the SDK's authorizedFetch: bearer token, single-flight refresh.
configureApi({ baseUrl: env.tradingApiUrl, fetch: platformClient.authorizedFetch });

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        // Diagnostics for support: the code and the request id to find the server's trace.
        if (isApiError(error)) {
          telemetry.track(
            'web.api_error',
            { code: error.code, status: error.status },
            { requestId: error.requestId },
          );
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Retry only what can recover by itself; a 403 or a contract mismatch will not.
        retry: (count, error) => count < 3 && isApiError(error) && error.transient,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

function Session() {
  const auth = useAuth();
  const route = useRoute();
  const [client] = useState(createQueryClient);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    // Nothing fetched for one user may be shown to the next.
    if (auth.status === 'signedOut') client.clear();
  }, [auth.status, client]);

  if (auth.status === 'loading') return <Restoring />;
  // The mailed link works signed in too: the reset ends every session, this one included.
  if (route.path === RESET_PATH) {
    return (
      <ResetPasswordPage
        token={route.query.get('token')}
        confirmReset={(input) => platformClient.confirmPasswordReset(input)}
        onDone={() => {
          telemetry.track('web.password_reset');
          setNotice('Your password has been changed. Sign in with the new one.');
          if (auth.status === 'signedIn') void auth.signOut();
          navigate('/');
        }}
      />
    );
  }
  if (auth.status === 'signedOut' || !auth.user) {
    if (route.path === FORGOT_PATH) {
      return (
        <ForgotPasswordPage requestReset={(email) => platformClient.requestPasswordReset(email)} />
      );
    }
    return (
      <SignInPage
        notice={notice}
        signIn={async (email, password) => {
          await auth.signIn({ email, password });
          setNotice(null);
          telemetry.track('web.sign_in');
        }}
      />
    );
  }
  return (
    <QueryClientProvider client={client}>
      <AppShell />
    </QueryClientProvider>
  );
}

/**
 * While the product is off or in maintenance, customers see the blocking screen. A signed-in
 * admin keeps the shell (its status bar shows the state) so operators can still reach the
 * trading controls during the incident; the backend enforces what each role may do either way.
 */
function Blocked({ block }: { block: GateBlock }) {
  const auth = useAuth();
  const [operatorSignIn, setOperatorSignIn] = useState(false);
  // Operators only: tenant admins are customers and wait like everyone else.
  if (auth.user?.role === 'operator') return <Session />;
  // Operators must reach the controls exactly when the product is off: the sign-in stays
  // reachable. A customer who signs in here still gets the blocking screen (the check above).
  if (operatorSignIn && auth.status === 'signedOut') return <Session />;
  const action =
    auth.status === 'signedOut' ? (
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid="operator-sign-in"
        onClick={() => setOperatorSignIn(true)}
      >
        Operator sign-in
      </button>
    ) : auth.status === 'signedIn' ? (
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => void auth.signOut()}>
        Sign out
      </button>
    ) : null;
  return <ProductBlocked block={block} action={action} />;
}

export function App() {
  useEffect(() => {
    telemetry.start();
    telemetry.track('web.app_start', { version: PRODUCT.version });
    return () => telemetry.stop();
  }, []);
  return (
    <AuthProvider client={platformClient} statusWatcher={statusWatcher} flagsClient={flagsClient}>
      <ProductGate fallback={(block) => <Blocked block={block} />} loading={<Restoring />}>
        <Session />
      </ProductGate>
    </AuthProvider>
  );
}

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
import { configureApiFiles } from '../lib/api-file';
import { configureUpload } from '../lib/upload';
import { navigate, useRoute } from '../lib/router';
import { isApiError } from '@bytelyst/trading-client';
import { AppShell } from './app-shell';
import { ProductBlocked, Restoring } from './gates';
import { flagsClient, platformClient, statusWatcher, telemetry } from './platform';

// Every backend call goes through the SDK's authorizedFetch: bearer token, single-flight refresh.
configureApi({ baseUrl: env.tradingApiUrl, fetch: platformClient.authorizedFetch });
configureUpload({ baseUrl: env.tradingApiUrl, getToken: platformClient.getAccessToken });
configureApiFiles({ baseUrl: env.tradingApiUrl, fetch: platformClient.authorizedFetch });

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

/**
 * The signed-in product, or the way to it. While the product is off or in maintenance (`block`),
 * customers see the blocking screen; an operator keeps the shell (its status bar shows the
 * state) so the controls are reachable during the incident, and the sign-in stays reachable for
 * operators. The backend enforces what each role may do either way. The gate renders this same
 * component whether or not it blocks, so an operator's screen is not remounted when the product
 * is switched off or on (a form's state and notice survive the change they made).
 */
function Session({ block }: { block: GateBlock | null }) {
  const auth = useAuth();
  const route = useRoute();
  const [client] = useState(createQueryClient);
  const [notice, setNotice] = useState<string | null>(null);
  const [operatorSignIn, setOperatorSignIn] = useState(false);
  useEffect(() => {
    // Nothing fetched for one user may be shown to the next.
    if (auth.status === 'signedOut') client.clear();
  }, [auth.status, client]);
  useEffect(() => {
    // The next incident starts from the blocking screen again.
    if (!block) setOperatorSignIn(false);
  }, [block]);

  // Operators only: tenant admins are customers and wait like everyone else. A customer who
  // signs in through the operator sign-in still gets the blocking screen.
  const operatorPath =
    auth.user?.role === 'operator' || (operatorSignIn && auth.status === 'signedOut');
  if (block && !operatorPath)
    return <BlockedScreen block={block} onOperatorSignIn={() => setOperatorSignIn(true)} />;
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

/** The blocking screen with what the visitor can do: an operator's sign-in, or sign out. */
function BlockedScreen({
  block,
  onOperatorSignIn,
}: {
  block: GateBlock;
  onOperatorSignIn: () => void;
}) {
  const auth = useAuth();
  const action =
    auth.status === 'signedOut' ? (
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid="operator-sign-in"
        onClick={onOperatorSignIn}
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
      <ProductGate fallback={(block) => <Session block={block} />} loading={<Restoring />}>
        <Session block={null} />
      </ProductGate>
    </AuthProvider>
  );
}

import { useAuth, useProductStatus } from '@bytelyst/react-auth';
import { isAdminRole, PRODUCT, type Role } from '@bytelyst/trading-contracts';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useBotState } from '../api/bot-state';
import { useTradingFlags } from '../api/feature-flags';
import { useMe } from '../api/me';
import { env } from '../config/env';
import { StatusBar } from '../features/status/components/status-bar';
import { deriveStatusView } from '../features/status/utils/status-view';
import { previewStore } from '../lib/api';
import { isApiError } from '@bytelyst/trading-client';
import { href, useRoute } from '../lib/router';
import { useStore } from '@bytelyst/trading-client';
import { isPageId, visibleNav, type PageId } from './nav';
import { platformClient } from './platform';
import { tradingConnection, useRealtimeBridge } from './realtime-bridge';

// One chunk per screen: charts and admin code load only when their screen is opened.
const AdminPage = lazy(() =>
  import('../features/admin/components/admin-page').then((m) => ({ default: m.AdminPage })),
);
const AlertsPage = lazy(() =>
  import('../features/alerts/components/alerts-page').then((m) => ({ default: m.AlertsPage })),
);
const DataPage = lazy(() =>
  import('../features/market-data/components/data-page').then((m) => ({ default: m.DataPage })),
);
const BacktestPage = lazy(() =>
  import('../features/backtest/components/backtest-page').then((m) => ({
    default: m.BacktestPage,
  })),
);
const DecisionsPage = lazy(() =>
  import('../features/decisions/components/decisions-page').then((m) => ({
    default: m.DecisionsPage,
  })),
);
const HistoryPage = lazy(() =>
  import('../features/history/components/history-page').then((m) => ({ default: m.HistoryPage })),
);
const LedgerPage = lazy(() =>
  import('../features/ledger/components/ledger-page').then((m) => ({ default: m.LedgerPage })),
);
const MarketplacePage = lazy(() =>
  import('../features/marketplace/components/marketplace-page').then((m) => ({
    default: m.MarketplacePage,
  })),
);
const MarketsPage = lazy(() =>
  import('../features/markets/components/markets-page').then((m) => ({ default: m.MarketsPage })),
);
const MembershipPage = lazy(() =>
  import('../features/membership/components/membership-page').then((m) => ({
    default: m.MembershipPage,
  })),
);
const ModelsPage = lazy(() =>
  import('../features/models/components/models-page').then((m) => ({ default: m.ModelsPage })),
);
const OverviewPage = lazy(() =>
  import('../features/overview/components/overview-page').then((m) => ({
    default: m.OverviewPage,
  })),
);
const AnalyticsPage = lazy(() =>
  import('../features/analytics/components/analytics-page').then((m) => ({
    default: m.AnalyticsPage,
  })),
);
const ProfilesPage = lazy(() =>
  import('../features/profiles/components/profiles-page').then((m) => ({
    default: m.ProfilesPage,
  })),
);

const VenueAccountsPage = lazy(() =>
  import('../features/venue-accounts/components/venue-accounts-page').then((m) => ({
    default: m.VenueAccountsPage,
  })),
);

function Page({ id, tenantId, role }: { id: PageId; tenantId: string; role: Role }) {
  switch (id) {
    case 'overview':
      return <OverviewPage />;
    case 'analytics':
      return <AnalyticsPage />;
    case 'markets':
      return <MarketsPage />;
    case 'profiles':
      return <ProfilesPage />;
    case 'venues':
      return <VenueAccountsPage />;
    case 'backtest':
      return <BacktestPage />;
    case 'data':
      return <DataPage />;
    case 'models':
      return <ModelsPage />;
    case 'decisions':
      return <DecisionsPage />;
    case 'history':
      return <HistoryPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'marketplace':
      return <MarketplacePage />;
    case 'membership':
      return <MembershipPage />;
    case 'admin':
      return <AdminPage tenantId={tenantId} role={role} />;
  }
}

export function AppShell() {
  const qc = useQueryClient();
  const auth = useAuth();
  const platform = useProductStatus();
  const user = auth.user;
  const preview = useStore(previewStore) === 'customer';
  const flags = useTradingFlags();
  const me = useMe();
  const bot = useBotState();
  const socket = useStore(tradingConnection);
  const route = useRoute();
  const role = me.data?.role ?? user?.role ?? null;
  const isAdmin = role !== null && isAdminRole(role);

  const onSessionEnded = useCallback(
    (reason: string) => {
      // Revoked or tenant disabled: refetching through the SDK's fetch either renews the session
      // or signs out cleanly. An expired token reconnects by itself.
      if (reason !== 'token_expired') void qc.invalidateQueries({ queryKey: ['api', 'me'] });
    },
    [qc],
  );
  const renewSession = useCallback(() => platformClient.refresh(), []);
  useRealtimeBridge({
    client: qc,
    url: env.tradingApiUrl,
    getToken: platformClient.getAccessToken,
    renewSession,
    enabled: Boolean(user),
    isAdmin: isAdmin && !preview,
    onSessionEnded,
  });

  const nav = visibleNav({ flags, role, preview });
  const requested = route.segments[0];
  const current: PageId =
    isPageId(requested) && nav.some((n) => n.id === requested) ? requested : 'overview';

  useEffect(() => {
    const label = nav.find((n) => n.id === current)?.label ?? '';
    document.title = `${label} · ${PRODUCT.displayName}`;
  }, [current, nav]);

  const togglePreview = () => {
    previewStore.set(preview ? null : 'customer');
    // Everything cached was fetched with the other identity; start clean.
    void qc.resetQueries({ queryKey: ['api'] });
  };

  const view = deriveStatusView({
    botState: bot.data,
    backendUnreachable: isApiError(bot.error) && bot.error.code === 'NETWORK_UNREACHABLE',
    socket,
    product: platform.status,
    platformUnreachable: platform.state === 'degraded' || auth.degraded,
  });

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href('/overview')}>
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {PRODUCT.displayName}
        </a>
        <nav className="nav" aria-label="Main">
          {nav.map((n) => (
            <a
              key={n.id}
              href={href(`/${n.id}`)}
              className={`nav-link ${n.id === current ? 'active' : ''}`}
              aria-current={n.id === current ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <div className="user">
          {user && isAdminRole(user.role) && (
            <label
              className="preview-toggle"
              title="See exactly what a customer of your tenant sees"
            >
              <input
                type="checkbox"
                checked={preview}
                onChange={togglePreview}
                data-testid="preview-toggle"
              />
              <span className="preview-long">Customer view</span>
              <span className="preview-short">Preview</span>
            </label>
          )}
          <span className="user-name" data-testid="user-email">
            {user?.displayName ?? user?.email}
            <span className="muted small"> · {user?.tenantId}</span>
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            // Where the name is hidden to keep the navigation on one line, it is said here.
            title={`Signed in as ${user?.displayName ?? user?.email ?? ''} (${user?.tenantId ?? ''})`}
            onClick={() => void auth.signOut()}
          >
            Sign out
          </button>
        </div>
      </header>
      <StatusBar
        view={view}
        socket={socket}
        lastTickAt={bot.data?.lastTickAt ?? null}
        productStatusAgeMs={bot.data?.productStatusAgeMs ?? null}
        productStatusMeasuredAt={bot.data ? bot.dataUpdatedAt : null}
        venueFeeds={bot.data?.venueFeeds ?? []}
      />
      {preview && (
        <div className="preview-banner" data-testid="preview-banner">
          Previewing as a customer of tenant {user?.tenantId}. Admin tabs are hidden.
        </div>
      )}
      <main className="content">
        <Suspense
          fallback={
            <div className="state state-loading" aria-busy="true">
              <span className="spinner" aria-hidden /> Loading…
            </div>
          }
        >
          <Page id={current} tenantId={user?.tenantId ?? ''} role={role ?? 'user'} />
        </Suspense>
      </main>
    </div>
  );
}

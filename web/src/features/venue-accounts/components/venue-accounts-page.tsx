import { isAdminRole, type VenueAccount } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useStore } from '@bytelyst/trading-client';
import { useMe } from '../../../api/me';
import { Badge, type Tone } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Panel } from '../../../components/panel';
import { previewStore } from '../../../lib/api';
import {
  useDisconnectVenueAccount,
  useRefreshVenueAccount,
  useVenueAccounts,
} from '../api/venue-accounts';
import { ConnectVenueForm } from './connect-venue-form';
import { venueName } from '../venue-name';

const STATUS_TONE: Record<VenueAccount['status'], Tone> = {
  connected: 'ok',
  error: 'danger',
  disconnected: 'muted',
};

function Balances({ a }: { a: VenueAccount }) {
  if (a.venueId === 'paper') return <span className="muted">per profile</span>;
  if (a.balances.length === 0) return <span className="muted">none</span>;
  return (
    <span className="num" data-testid={`va-balance-${a.id}`}>
      {a.balances.map((b) => `${b.total} ${b.asset}`).join(', ')}
    </span>
  );
}

function AccountRow(props: { a: VenueAccount; onDisconnect: (a: VenueAccount) => void }) {
  const { a } = props;
  const refresh = useRefreshVenueAccount();
  const live = a.venueId !== 'paper' && a.status !== 'disconnected';
  return (
    <tr data-testid={`va-row-${a.id}`}>
      <td>
        <strong>{a.label}</strong>
        <div className="muted small">
          {venueName(a)} · {a.mode}
          {a.ownerUserId === null ? ' · shared' : ''}
        </div>
      </td>
      <td>
        <Badge tone={STATUS_TONE[a.status]}>{a.status}</Badge>
        {a.lastError && (
          <div className="neg small" data-testid={`va-last-error-${a.id}`}>
            {a.lastError.venueCode ? `venue code ${a.lastError.venueCode}: ` : ''}
            {a.lastError.message}
          </div>
        )}
      </td>
      <td>
        <code>{a.keyHint ?? '—'}</code>
      </td>
      <td>
        <Balances a={a} />
      </td>
      <td className="muted small">
        {a.lastSyncAt ? new Date(a.lastSyncAt).toLocaleString() : '—'}
      </td>
      <td className="r">
        {live && (
          <>
            <button
              type="button"
              className="btn btn-sm"
              disabled={refresh.isPending}
              onClick={() => refresh.mutate(a.id)}
            >
              Refresh
            </button>{' '}
            <button
              type="button"
              className="btn btn-sm btn-danger"
              onClick={() => props.onDisconnect(a)}
            >
              Disconnect
            </button>
          </>
        )}
        {refresh.error !== null && <ErrorNotice error={refresh.error} title="Refresh failed" />}
      </td>
    </tr>
  );
}

/** Where a tenant's orders can go: the paper account every user has, and connected venues. */
export function VenueAccountsPage() {
  const accounts = useVenueAccounts();
  const role = useMe().data?.role ?? null;
  const preview = useStore(previewStore) === 'customer';
  const [connecting, setConnecting] = useState(false);
  const [leaving, setLeaving] = useState<VenueAccount | null>(null);
  const disconnect = useDisconnectVenueAccount();

  return (
    <div className="page">
      <PageHeader
        title="Venue accounts"
        subtitle="Exchange accounts your profiles can trade on; paper is always there"
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setConnecting(true)}
            disabled={preview}
          >
            Connect an account
          </button>
        }
      />
      {connecting && (
        <Panel title="Connect a venue account">
          <ConnectVenueForm
            canShare={role !== null && isAdminRole(role) && !preview}
            onDone={() => setConnecting(false)}
          />
        </Panel>
      )}
      <Panel title="Accounts">
        <DataState query={accounts} isEmpty={(d) => d.items.length === 0} empty="No accounts.">
          {(d) => (
            <div className="table-wrap">
              <table className="table" data-testid="venue-accounts">
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Status</th>
                    <th>Key</th>
                    <th>Balance</th>
                    <th>Last sync</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((a) => (
                    <AccountRow key={a.id} a={a} onDisconnect={setLeaving} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </Panel>
      <ConfirmDialog
        open={leaving !== null}
        title={`Disconnect ${leaving?.label ?? ''}?`}
        confirmLabel="Disconnect"
        danger
        busy={disconnect.isPending}
        onCancel={() => {
          disconnect.reset();
          setLeaving(null);
        }}
        onConfirm={() =>
          leaving &&
          disconnect.mutate(leaving.id, {
            onSuccess: () => setLeaving(null),
          })
        }
      >
        <p>Its keys are erased here. Profiles on it must hold no positions.</p>
        {disconnect.error !== null && (
          <ErrorNotice error={disconnect.error} title="Not disconnected" />
        )}
      </ConfirmDialog>
    </div>
  );
}

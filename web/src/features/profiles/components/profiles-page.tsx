import {
  type EffectiveState,
  type TradingProfile,
  type VenueAccount,
  blockFiguresOf,
  isAdminRole,
} from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useStore } from '@bytelyst/trading-client';
import { useMe } from '../../../api/me';
import { previewStore } from '../../../lib/api';
import { usePrices } from '../../../api/prices';
import { useProfiles } from '../../../api/profiles';
import { Badge, type Tone } from '../../../components/badge';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Panel } from '../../../components/panel';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { useSetProfileEnabled } from '../api/profile-mutations';
import { useStrategies } from '../../../api/strategies';
import { useVenueAccounts } from '../../../api/venue-accounts';
import { navigate, useRoute } from '../../../lib/router';
import { isLiveAccount } from '../utils/account-choice';
import { ProfileAccountCell } from './profile-account-cell';
import { PromotionReview } from './promotion-review';
import { BlockFigures } from './block-figures';
import { ProfileForm } from './profile-form';
import { ResolveBlockDialog } from './resolve-block-dialog';

const STATE_TONE: Record<EffectiveState, Tone> = {
  RUNNING: 'ok',
  PAUSED: 'warn',
  HALTED: 'danger',
  BLOCKED: 'danger',
  DISABLED: 'muted',
};

/** What the profile is doing now and which layer decided it (the API's `effective`). */
function ProfileState({ p }: { p: TradingProfile }) {
  const e = p.effective ?? {
    state: p.blockedReason ? 'BLOCKED' : p.enabled ? p.mode : 'DISABLED',
    layer: null,
    reason: p.blockedReason,
  };
  return (
    <div data-testid={`profile-state-${p.id}`}>
      <Badge tone={STATE_TONE[e.state]}>{e.state}</Badge>
      {e.layer && e.state !== 'RUNNING' && <span className="muted small"> · {e.layer}</span>}
      {e.reason && (
        <div className={`small ${e.state === 'BLOCKED' ? 'neg' : 'muted'}`}>{e.reason}</div>
      )}
      {e.state === 'BLOCKED' && <BlockFigures figures={blockFiguresOf(e.reason)} />}
    </div>
  );
}

function ProfileRow(props: {
  p: TradingProfile;
  accounts: readonly VenueAccount[] | undefined;
  /** The signed-in user owns it: only the owner promotes a profile. */
  mine: boolean;
  onEdit: () => void;
  /** The caller may decide on a block (an operator or the tenant's admin, not previewing). */
  canResolve: boolean;
}) {
  const { p, onEdit } = props;
  const toggle = useSetProfileEnabled();
  const [resolving, setResolving] = useState(false);
  const blocked = p.effective?.state === 'BLOCKED' && p.blockedReason !== null;
  const account = props.accounts?.find((a) => a.id === p.venueAccountId);
  const live = account ? isLiveAccount(account) : p.rampUp !== null;
  return (
    <tr data-testid={`profile-${p.id}`}>
      <td>
        <div className="strong">{p.name}</div>
        <div className="muted small">
          {p.strategy.strategy} · {p.timeframe}
        </div>
      </td>
      <td>{p.symbols.join(', ')}</td>
      <td className="r num">{formatMoney(p.capitalAllocation)}</td>
      <td>
        <ProfileAccountCell p={p} accounts={props.accounts} />
      </td>
      <td>
        <ProfileState p={p} />
        {toggle.error && <ErrorNotice error={toggle.error} title="Could not change the profile" />}
      </td>
      <td className="muted">{formatTime(p.updatedAt)}</td>
      <td className="r nowrap">
        {blocked && props.canResolve && (
          <>
            <button
              type="button"
              className="btn btn-danger btn-sm"
              onClick={() => setResolving(true)}
            >
              Resolve
            </button>{' '}
          </>
        )}
        {blocked && !props.canResolve && <span className="small muted">Needs an operator </span>}
        {resolving && <ResolveBlockDialog profile={p} onClose={() => setResolving(false)} />}
        {props.mine && !live && (
          <>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => navigate(`/profiles/${p.id}/promote`)}
            >
              Go live…
            </button>{' '}
          </>
        )}
        <button type="button" className="btn btn-ghost btn-sm" onClick={onEdit}>
          Edit
        </button>{' '}
        <button
          type="button"
          className={`btn btn-sm ${p.enabled ? 'btn-warn' : 'btn-primary'}`}
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ id: p.id, enabled: !p.enabled })}
        >
          {p.enabled ? 'Disable' : 'Enable'}
        </button>
      </td>
    </tr>
  );
}

export function ProfilesPage() {
  const route = useRoute();
  // `#/profiles/<id>/promote?account=<id>`: the promotion review of one profile.
  const promoteId = route.segments[2] === 'promote' ? (route.segments[1] ?? null) : null;
  if (promoteId)
    return <PromotionReview profileId={promoteId} accountId={route.query.get('account')} />;
  return <ProfilesList />;
}

function ProfilesList() {
  const profiles = useProfiles();
  const accounts = useVenueAccounts();
  const strategies = useStrategies();
  const prices = usePrices();
  const [editing, setEditing] = useState<TradingProfile | 'new' | null>(null);
  const me = useMe().data;
  const role = me?.role ?? null;
  const preview = useStore(previewStore) === 'customer';
  const canResolve = role !== null && isAdminRole(role) && !preview;
  const symbols = prices.data?.instruments.map((i) => i.symbol) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Profiles"
        subtitle="A profile is one strategy on a set of symbols with its own capital and risk limits"
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            disabled={!strategies.data}
          >
            New profile
          </button>
        }
      />
      {editing && strategies.data && me && (
        <Panel title={editing === 'new' ? 'New profile' : `Edit ${editing.name}`}>
          <ProfileForm
            key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
            strategies={strategies.data.items}
            symbols={symbols}
            existing={editing === 'new' ? undefined : editing}
            meId={me.userId}
            onDone={() => setEditing(null)}
          />
        </Panel>
      )}
      <Panel title="Your profiles">
        <DataState
          query={profiles}
          isEmpty={(d) => d.items.length === 0}
          empty="No profiles yet. Create one to start paper trading a strategy."
        >
          {(d) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Profile</th>
                    <th>Symbols</th>
                    <th className="r">Capital</th>
                    <th>Account</th>
                    <th>State</th>
                    <th>Updated</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((p) => (
                    <ProfileRow
                      key={p.id}
                      p={p}
                      accounts={accounts.data?.items}
                      mine={me?.userId === p.userId}
                      onEdit={() => setEditing(p)}
                      canResolve={canResolve}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </Panel>
    </div>
  );
}

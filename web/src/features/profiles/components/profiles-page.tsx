import type { TradingProfile } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { usePrices } from '../../../api/prices';
import { useProfiles } from '../../../api/profiles';
import { Badge, type Tone } from '../../../components/badge';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Panel } from '../../../components/panel';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { useSetProfileEnabled } from '../api/profile-mutations';
import { useStrategies } from '../../../api/strategies';
import { ProfileForm } from './profile-form';

const MODE_TONE: Record<TradingProfile['mode'], Tone> = {
  RUNNING: 'ok',
  PAUSED: 'warn',
  HALTED: 'danger',
};

function ProfileRow({ p, onEdit }: { p: TradingProfile; onEdit: () => void }) {
  const toggle = useSetProfileEnabled();
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
        {p.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge tone="muted">Disabled</Badge>}{' '}
        <Badge tone={MODE_TONE[p.mode]}>{p.mode}</Badge>
        {p.blockedReason && <div className="neg small">{p.blockedReason}</div>}
        {toggle.error && <ErrorNotice error={toggle.error} title="Could not change the profile" />}
      </td>
      <td className="muted">{formatTime(p.updatedAt)}</td>
      <td className="r nowrap">
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
  const profiles = useProfiles();
  const strategies = useStrategies();
  const prices = usePrices();
  const [editing, setEditing] = useState<TradingProfile | 'new' | null>(null);
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
      {editing && strategies.data && (
        <Panel title={editing === 'new' ? 'New profile' : `Edit ${editing.name}`}>
          <ProfileForm
            key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
            strategies={strategies.data.items}
            symbols={symbols}
            existing={editing === 'new' ? undefined : editing}
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
                    <th>State</th>
                    <th>Updated</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((p) => (
                    <ProfileRow key={p.id} p={p} onEdit={() => setEditing(p)} />
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

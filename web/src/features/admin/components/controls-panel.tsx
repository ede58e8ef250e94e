import { Reason, type TradingControl, type TradingMode } from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { Badge, type Tone } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { formatTime } from '@bytelyst/trading-client';
import { useControls, useSetControl } from '../api/admin';

const MODE_TONE: Record<TradingMode, Tone> = { RUNNING: 'ok', PAUSED: 'warn', HALTED: 'danger' };
type Scope = 'global' | 'tenant' | 'profile';

const MODE_HELP: Record<TradingMode, string> = {
  RUNNING: 'Strategies may open and close positions.',
  PAUSED: 'No new entries; open positions are still managed and can be closed.',
  HALTED: 'No orders at all; open orders are cancelled. Positions stay as they are.',
};

function ControlsTable({ controls }: { controls: TradingControl[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="controls-table">
        <thead>
          <tr>
            <th>Scope</th>
            <th>Target</th>
            <th>Mode</th>
            <th>Reason</th>
            <th>By</th>
            <th>Updated</th>
            <th className="r">Version</th>
          </tr>
        </thead>
        <tbody>
          {controls.map((c) => (
            <tr key={`${c.scope}-${c.targetId ?? '*'}`}>
              <td>{c.scope}</td>
              <td className="mono small">{c.targetId ?? 'all'}</td>
              <td>
                <Badge tone={MODE_TONE[c.mode]}>{c.mode}</Badge>
              </td>
              <td>{c.reason}</td>
              <td className="muted small">
                {c.actor.type}:{c.actor.id}
              </td>
              <td className="muted">{formatTime(c.updatedAt)}</td>
              <td className="r num">{c.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Sets a trading mode. A reason is mandatory (it lands in the audit log); HALT asks twice. */
export function ControlsPanel({ tenantId }: { tenantId: string }) {
  const controls = useControls();
  const set = useSetControl();
  const [scope, setScope] = useState<Scope>('global');
  const [targetId, setTargetId] = useState('');
  const [mode, setMode] = useState<TradingMode>('PAUSED');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonOk = Reason.safeParse(reason).success;
  const target = scope === 'global' ? null : scope === 'tenant' ? targetId || tenantId : targetId;
  const current = controls.data?.controls.find((c) => c.scope === scope && c.targetId === target);

  const send = () => {
    setConfirming(false);
    set.mutate(
      { scope, targetId: target, mode, reason: reason.trim(), expectedVersion: current?.version },
      { onSuccess: () => setReason('') },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'HALTED') setConfirming(true);
    else send();
  };

  return (
    <>
      <Panel title="Trading controls">
        {controls.data?.product && (
          <p className="small">
            Product (platform-service):{' '}
            {controls.data.product.enabled ? (
              <Badge tone="ok">enabled</Badge>
            ) : (
              <Badge tone="danger">disabled</Badge>
            )}{' '}
            {controls.data.product.maintenance.active && <Badge tone="info">maintenance</Badge>}
          </p>
        )}
        <DataState
          query={controls}
          isEmpty={(d) => d.controls.length === 0}
          empty="No controls set: everything runs with defaults."
        >
          {(d) => <ControlsTable controls={d.controls} />}
        </DataState>
      </Panel>
      <Panel title="Change a mode">
        <form className="form" onSubmit={submit} data-testid="control-form">
          <div className="form-grid">
            <div className="field">
              <label htmlFor="ctl-scope">Scope</label>
              <select
                id="ctl-scope"
                value={scope}
                onChange={(e) => setScope(e.target.value as Scope)}
              >
                <option value="global">Global (every tenant)</option>
                <option value="tenant">Tenant</option>
                <option value="profile">Profile</option>
              </select>
            </div>
            {scope !== 'global' && (
              <div className="field">
                <label htmlFor="ctl-target">
                  {scope === 'tenant' ? 'Tenant id' : 'Profile id'}
                </label>
                <input
                  id="ctl-target"
                  value={targetId}
                  placeholder={scope === 'tenant' ? tenantId : 'profile id'}
                  onChange={(e) => setTargetId(e.target.value)}
                />
              </div>
            )}
            <div className="field">
              <label htmlFor="ctl-mode">Mode</label>
              <select
                id="ctl-mode"
                value={mode}
                onChange={(e) => setMode(e.target.value as TradingMode)}
              >
                <option value="RUNNING">RUNNING (resume)</option>
                <option value="PAUSED">PAUSED</option>
                <option value="HALTED">HALTED</option>
              </select>
              <small className="muted">{MODE_HELP[mode]}</small>
            </div>
          </div>
          <div className="field">
            <label htmlFor="ctl-reason">Reason (required, recorded in the audit log)</label>
            <input
              id="ctl-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. exchange incident INC-123"
            />
          </div>
          {current && (
            <p className="muted small">
              Currently <Badge tone={MODE_TONE[current.mode]}>{current.mode}</Badge> (version{' '}
              {current.version})
            </p>
          )}
          {set.error && <ErrorNotice error={set.error} title="The control was not changed" />}
          {set.isSuccess && (
            <div className="notice notice-ok" data-testid="control-ok">
              {set.data.scope} is now {set.data.mode} (version {set.data.version}).
            </div>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className={`btn ${mode === 'HALTED' ? 'btn-danger' : mode === 'PAUSED' ? 'btn-warn' : 'btn-primary'}`}
              disabled={!reasonOk || set.isPending || (scope === 'profile' && !targetId)}
            >
              {mode === 'RUNNING' ? 'Resume' : mode === 'PAUSED' ? 'Pause' : 'Halt…'}
            </button>
          </div>
        </form>
      </Panel>
      <ConfirmDialog
        open={confirming}
        title={`Halt trading (${scope}${target ? `: ${target}` : ''})?`}
        confirmLabel="Halt trading"
        danger
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p>{MODE_HELP.HALTED}</p>
        <p className="muted">Reason: “{reason.trim()}”</p>
      </ConfirmDialog>
    </>
  );
}

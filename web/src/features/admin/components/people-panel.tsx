import { Reason, type PlatformUser, type Role, type Tenant } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { Table } from '../../../components/table';
import { displayError } from '../../auth/utils/display-error';
import { useSetDisabled, useTenants, useUsers } from '../api/platform-admin';

interface Target {
  kind: 'tenant' | 'user';
  id: string;
  label: string;
  /** The state asked for: true disables, false enables. */
  disabled: boolean;
}

/** Platform errors shown like the backend's: code, HTTP status and request id. */
const shown = <Q extends { error: unknown }>(q: Q): Q => ({ ...q, error: displayError(q.error) });

function StateBadge({ disabled }: { disabled: boolean }) {
  return disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="ok">active</Badge>;
}

function ToggleButton({ target, onPick }: { target: Target; onPick: (t: Target) => void }) {
  return (
    <button
      type="button"
      className={`btn btn-sm ${target.disabled ? 'btn-danger' : 'btn-primary'}`}
      onClick={() => onPick(target)}
    >
      {target.disabled ? 'Disable' : 'Enable'} {target.label}
    </button>
  );
}

function TenantsTable({ tenants, onPick }: { tenants: Tenant[]; onPick: (t: Target) => void }) {
  return (
    <Table testId="tenants-table" columns={['Tenant', 'Name', 'State', 'Created', '']}>
      {tenants.map((t) => (
        <tr key={t.id}>
          <td className="mono small">{t.id}</td>
          <td>{t.name}</td>
          <td>
            <StateBadge disabled={t.disabled} />
          </td>
          <td className="muted">{formatTime(t.createdAt)}</td>
          <td>
            <ToggleButton
              target={{ kind: 'tenant', id: t.id, label: `tenant ${t.id}`, disabled: !t.disabled }}
              onPick={onPick}
            />
          </td>
        </tr>
      ))}
    </Table>
  );
}

function UsersTable(props: { users: PlatformUser[]; selfId: string; onPick: (t: Target) => void }) {
  return (
    <Table testId="users-table" columns={['User', 'Tenant', 'Role', 'State', 'Created', '']}>
      {props.users.map((u) => (
        <tr key={u.id}>
          <td>
            {u.email}
            {u.displayName && <span className="muted small"> ({u.displayName})</span>}
          </td>
          <td className="mono small">{u.tenantId}</td>
          <td className="small">{u.role}</td>
          <td>
            <StateBadge disabled={u.disabled} />
          </td>
          <td className="muted">{formatTime(u.createdAt)}</td>
          <td>
            {/* The platform refuses disabling yourself; no button offers it. */}
            {u.id !== props.selfId && (
              <ToggleButton
                target={{ kind: 'user', id: u.id, label: u.email, disabled: !u.disabled }}
                onPick={props.onPick}
              />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * Tenants (operators) and users (operators: all; tenant admins: their tenant's). Disabling ends
 * the sessions at once, so it needs a reason (audited) and a confirmation.
 */
export function PeoplePanel({ role, selfId }: { role: Role; selfId: string }) {
  const operator = role === 'operator';
  const tenants = useTenants(operator);
  const users = useUsers();
  const set = useSetDisabled();
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonOk = Reason.safeParse(reason.trim()).success;

  const pick = (t: Target) => {
    set.reset();
    setTarget(t);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target && reasonOk) setConfirming(true);
  };
  const send = () => {
    setConfirming(false);
    if (!target) return;
    set.mutate(
      { kind: target.kind, id: target.id, disabled: target.disabled, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          setTarget(null);
        },
      },
    );
  };
  const verb = target?.disabled ? 'Disable' : 'Enable';

  return (
    <>
      {operator && (
        <Panel title="Tenants">
          <DataState query={shown(tenants)} isEmpty={(d) => d.length === 0} empty="No tenants.">
            {(d) => <TenantsTable tenants={d} onPick={pick} />}
          </DataState>
        </Panel>
      )}
      <Panel title={operator ? 'Users (every tenant)' : 'Users of your tenant'}>
        <DataState query={shown(users)} isEmpty={(d) => d.length === 0} empty="No users.">
          {(d) => <UsersTable users={d} selfId={selfId} onPick={pick} />}
        </DataState>
      </Panel>
      {set.isSuccess && (
        <div className="notice notice-ok" data-testid="people-ok">
          {set.variables.kind} {set.variables.id} is now{' '}
          {set.data.disabled ? 'disabled' : 'enabled'}.
        </div>
      )}
      {target && (
        <Panel title={`${verb} ${target.label}`}>
          <form className="form" onSubmit={submit} data-testid="people-form">
            <p className="muted small">
              {target.disabled
                ? 'Disabling signs them out everywhere at once and refuses new sign-ins.'
                : 'Enabling lets them sign in again.'}
            </p>
            <div className="field">
              <label htmlFor="people-reason">Reason (required, recorded in the audit log)</label>
              <input
                id="people-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="e.g. compromised account INC-123"
              />
            </div>
            {set.error && (
              <ErrorNotice error={displayError(set.error)} title="Nothing was changed" />
            )}
            <div className="form-actions">
              <button type="button" className="btn btn-ghost" onClick={() => setTarget(null)}>
                Cancel
              </button>
              <button
                type="submit"
                className={`btn ${target.disabled ? 'btn-danger' : 'btn-primary'}`}
                disabled={!reasonOk || set.isPending}
              >
                {verb}…
              </button>
            </div>
          </form>
        </Panel>
      )}
      <ConfirmDialog
        open={confirming && target !== null}
        title={`${verb} ${target?.label ?? ''}?`}
        confirmLabel={verb}
        danger={target?.disabled ?? false}
        busy={set.isPending}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p className="muted">Reason: “{reason.trim()}”</p>
      </ConfirmDialog>
    </>
  );
}

import { useProductStatus } from '@bytelyst/react-auth';
import { ProductStatus, ProductStatusUpdateBody, Reason } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { Table } from '../../../components/table';
import { displayError } from '../../auth/utils/display-error';
import { usePlatformAudit, useSetProductStatus } from '../api/platform-admin';

const HISTORY = ['product.status_set'] as const;

/** One line for a status as the audit stores it (before/after are ProductStatus JSON). */
export function describeStatus(v: unknown): string {
  const s = ProductStatus.safeParse(v);
  if (!s.success) return '—';
  const m = s.data.maintenance;
  const maint = m.active
    ? `maintenance${m.message ? ` “${m.message}”` : ''}${m.expectedEndAt ? ` until ${formatTime(m.expectedEndAt)}` : ''}`
    : 'no maintenance';
  return `${s.data.enabled ? 'enabled' : 'DISABLED'}, ${maint}`;
}

/** `datetime-local` speaks local wall time without a zone; the contract wants an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : null);

interface Draft {
  enabled: boolean;
  maintenance: boolean;
  message: string;
  expectedEnd: string;
}

/** `datetime-local` value (local wall time, minutes) of an ISO instant. */
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const draftOf = (s: ProductStatus | null): Draft => ({
  enabled: s?.enabled ?? true,
  maintenance: s?.maintenance.active ?? false,
  message: s?.maintenance.message ?? '',
  expectedEnd: s?.maintenance.expectedEndAt ? toLocal(s.maintenance.expectedEndAt) : '',
});

/**
 * The product kill switch and maintenance window (platform-service, operators only). Turning the
 * product off or into maintenance blocks every user's sign-in screen, so every change needs a
 * reason (audited) and a confirmation. History comes from the platform's audit trail.
 */
export function ProductPanel() {
  const live = useProductStatus().status;
  const history = usePlatformAudit(HISTORY);
  const set = useSetProductStatus();
  // Untouched, the form shows the current status, so applying it changes only what was edited.
  const [edited, setEdited] = useState<Draft | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // The freshest known status: the live watcher, else the last recorded change.
  const current =
    set.data ?? live ?? ProductStatus.safeParse(history.data?.[0]?.after).data ?? null;
  const draft = edited ?? draftOf(current);

  const body = ProductStatusUpdateBody.safeParse({
    enabled: draft.enabled,
    maintenance: draft.maintenance
      ? {
          active: true,
          message: draft.message.trim() || null,
          expectedEndAt: toInstant(draft.expectedEnd),
        }
      : { active: false, message: null, expectedEndAt: null },
    reason: reason.trim(),
  });
  const reasonOk = Reason.safeParse(reason.trim()).success;
  const patch = (p: Partial<Draft>) => setEdited({ ...draft, ...p });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.success) setConfirming(true);
  };
  const send = () => {
    setConfirming(false);
    if (!body.success) return;
    set.mutate(body.data, {
      onSuccess: () => {
        setReason('');
        setEdited(null);
      },
    });
  };

  return (
    <>
      <Panel title="Product status">
        <p className="small" data-testid="product-current">
          {current ? (
            <>
              {current.enabled ? (
                <Badge tone="ok">enabled</Badge>
              ) : (
                <Badge tone="danger">disabled (kill switch)</Badge>
              )}{' '}
              {current.maintenance.active && <Badge tone="info">maintenance</Badge>}{' '}
              <span className="muted">
                {describeStatus(current)} · version {current.version}
              </span>
            </>
          ) : (
            <span className="muted">Status not known yet.</span>
          )}
        </p>
        <form className="form" onSubmit={submit} data-testid="product-form">
          <div className="form-grid">
            <div className="field">
              <label htmlFor="prod-enabled">Product</label>
              <select
                id="prod-enabled"
                value={draft.enabled ? 'on' : 'off'}
                onChange={(e) => patch({ enabled: e.target.value === 'on' })}
              >
                <option value="on">Enabled</option>
                <option value="off">Disabled (kill switch: nobody but operators signs in)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="prod-maint">
                <input
                  id="prod-maint"
                  type="checkbox"
                  checked={draft.maintenance}
                  onChange={(e) => patch({ maintenance: e.target.checked })}
                />{' '}
                Maintenance
              </label>
            </div>
          </div>
          {draft.maintenance && (
            <div className="form-grid">
              <div className="field">
                <label htmlFor="prod-message">Maintenance message (shown to users)</label>
                <input
                  id="prod-message"
                  value={draft.message}
                  maxLength={500}
                  onChange={(e) => patch({ message: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor="prod-end">Expected end (your local time)</label>
                <input
                  id="prod-end"
                  type="datetime-local"
                  value={draft.expectedEnd}
                  onChange={(e) => patch({ expectedEnd: e.target.value })}
                />
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor="prod-reason">Reason (required, recorded in the audit log)</label>
            <input
              id="prod-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. exchange outage INC-123"
            />
          </div>
          {set.error && (
            <ErrorNotice
              error={displayError(set.error)}
              title="The product status was not changed"
            />
          )}
          {set.isSuccess && (
            <div className="notice notice-ok" data-testid="product-ok">
              Product is now {describeStatus(set.data)} (version {set.data.version}).
            </div>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className={`btn ${draft.enabled && !draft.maintenance ? 'btn-primary' : 'btn-danger'}`}
              disabled={!reasonOk || !body.success || set.isPending}
            >
              Apply…
            </button>
          </div>
        </form>
      </Panel>
      <Panel title="History">
        <DataState
          query={{ ...history, error: displayError(history.error) }}
          isEmpty={(d) => d.length === 0}
          empty="No product status changes recorded."
        >
          {(items) => (
            <Table
              testId="product-history"
              columns={['At', 'By', 'Before', 'After', 'Reason', 'Request id']}
            >
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="muted">{formatTime(e.at)}</td>
                  <td className="small">
                    {e.actor.type}:{e.actor.id}
                  </td>
                  <td className="small">{describeStatus(e.before)}</td>
                  <td className="small">{describeStatus(e.after)}</td>
                  <td>{e.reason ?? '—'}</td>
                  <td className="mono small">{e.requestId ?? '—'}</td>
                </tr>
              ))}
            </Table>
          )}
        </DataState>
      </Panel>
      <ConfirmDialog
        open={confirming && body.success}
        title="Change the product status?"
        confirmLabel="Apply"
        danger={!draft.enabled || draft.maintenance}
        busy={set.isPending}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {draft.enabled ? 'Enabled' : 'Disabled: users are blocked at sign-in'}
          {draft.maintenance ? '; in maintenance' : '; no maintenance'}.
        </p>
        <p className="muted">Reason: “{reason.trim()}”</p>
      </ConfirmDialog>
    </>
  );
}

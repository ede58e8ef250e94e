import type { Alert, AlertSeverity, AlertState } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { Badge, type Tone } from '../../../components/badge';
import { PagedList } from '../../../components/paged-list';
import { PageHeader, Panel } from '../../../components/panel';
import { formatTime } from '@bytelyst/trading-client';
import { useAlertCounts, useAlertPages } from '../api/get-alerts';
import { useChangeAlert } from '../api/change-alert';
import { NotificationSettingsPanel } from './notification-settings-panel';
import { WebhooksPanel } from './webhooks-panel';

const TONE: Record<AlertSeverity, Tone> = { info: 'info', warning: 'warn', critical: 'danger' };
const FILTERS: { id: AlertState | 'all'; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'acknowledged', label: 'Acknowledged' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'all', label: 'All' },
];

export function AlertsPage() {
  const [filter, setFilter] = useState<AlertState | 'all'>('open');
  const pages = useAlertPages(filter === 'all' ? undefined : filter);
  const counts = useAlertCounts();
  const change = useChangeAlert();
  const c = counts.data;
  return (
    <div className="page">
      <PageHeader
        title="Alerts"
        subtitle="Operational events for your organisation, newest first"
      />
      <Panel title="Alerts">
        <div className="row gap" data-testid="alert-counts">
          {c ? (
            <>
              <Badge tone={c.open > 0 ? 'warn' : 'ok'}>{`${c.open} open`}</Badge>
              {c.bySeverity.critical > 0 && (
                <Badge tone="danger">{`${c.bySeverity.critical} critical`}</Badge>
              )}
            </>
          ) : null}
          <span className="push" />
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              className={`btn btn-sm ${filter === f.id ? 'btn-primary' : 'btn-ghost'}`}
              aria-pressed={filter === f.id}
              onClick={() => setFilter(f.id)}
            >
              {f.label}
            </button>
          ))}
        </div>
        <PagedList pages={pages} empty="No alerts. All quiet.">
          {(items) => (
            <ul className="alert-list" data-testid="alerts">
              {items.map((a) => (
                <AlertRow
                  key={a.id}
                  alert={a}
                  busy={change.isPending}
                  onChange={(action) => change.mutate({ id: a.id, action })}
                />
              ))}
            </ul>
          )}
        </PagedList>
      </Panel>
      <NotificationSettingsPanel />
      <WebhooksPanel />
    </div>
  );
}

function AlertRow(props: {
  alert: Alert;
  busy: boolean;
  onChange: (action: 'ack' | 'resolve') => void;
}) {
  const a = props.alert;
  return (
    <li className={`alert alert-${a.severity}`} data-state={a.state}>
      <Badge tone={TONE[a.severity]}>{a.severity}</Badge>
      <code>{a.code}</code>
      <span>{a.message}</span>
      <span className="muted small push">
        {formatTime(a.createdAt)}
        {a.state === 'acknowledged' && a.acknowledgedBy ? ` · seen by ${a.acknowledgedBy}` : ''}
        {a.state === 'resolved' && a.resolvedBy ? ` · resolved by ${a.resolvedBy}` : ''}
      </span>
      {a.state === 'open' && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={props.busy}
          onClick={() => props.onChange('ack')}
        >
          Acknowledge
        </button>
      )}
      {a.state !== 'resolved' && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={props.busy}
          onClick={() => props.onChange('resolve')}
        >
          Resolve
        </button>
      )}
    </li>
  );
}

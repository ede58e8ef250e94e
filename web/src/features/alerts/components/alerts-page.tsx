import type { AlertSeverity } from '@bytelyst/trading-contracts';
import { Badge, type Tone } from '../../../components/badge';
import { PagedList } from '../../../components/paged-list';
import { PageHeader, Panel } from '../../../components/panel';
import { formatTime } from '@bytelyst/trading-client';
import { useAlertPages } from '../api/get-alerts';

const TONE: Record<AlertSeverity, Tone> = { info: 'info', warning: 'warn', critical: 'danger' };

export function AlertsPage() {
  const pages = useAlertPages();
  return (
    <div className="page">
      <PageHeader
        title="Alerts"
        subtitle="Operational events for your organisation, newest first"
      />
      <Panel title="Alerts">
        <PagedList pages={pages} empty="No alerts. All quiet.">
          {(items) => (
            <ul className="alert-list" data-testid="alerts">
              {items.map((a) => (
                <li key={a.id} className={`alert alert-${a.severity}`}>
                  <Badge tone={TONE[a.severity]}>{a.severity}</Badge>
                  <code>{a.code}</code>
                  <span>{a.message}</span>
                  <span className="muted small push">{formatTime(a.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </PagedList>
      </Panel>
    </div>
  );
}

import { PageHeader } from '../../../components/panel';
import { navigate, useRoute } from '../../../lib/router';
import { AuditLog } from './audit-log';
import { Clusters, Entries, Signals } from './clusters';
import { ConfigEditor } from './config-editor';
import { ControlsPanel } from './controls-panel';
import { HealthPanel } from './health-panel';

const TABS = [
  { id: 'controls', label: 'Trading control' },
  { id: 'config', label: 'Config' },
  { id: 'audit', label: 'Audit log' },
  { id: 'clusters', label: 'Strategy clusters' },
  { id: 'signals', label: 'Signals' },
  { id: 'entries', label: 'Entries' },
  { id: 'health', label: 'Health' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Shown to admins only; every call here is also refused by the backend for anyone else. */
export function AdminPage({ tenantId }: { tenantId: string }) {
  const route = useRoute();
  const tab: TabId = TABS.find((t) => t.id === route.segments[1])?.id ?? 'controls';
  return (
    <div className="page">
      <PageHeader
        title="Admin"
        subtitle="Operator controls. Every change needs a reason and is audited."
      />
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`tab ${tab === t.id ? 'active' : ''}`}
            onClick={() => navigate(`/admin/${t.id}`)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'controls' && <ControlsPanel tenantId={tenantId} />}
      {tab === 'config' && <ConfigEditor />}
      {tab === 'audit' && <AuditLog />}
      {tab === 'clusters' && <Clusters />}
      {tab === 'signals' && <Signals />}
      {tab === 'entries' && <Entries />}
      {tab === 'health' && <HealthPanel />}
    </div>
  );
}

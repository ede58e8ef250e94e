import { useAuth } from '@bytelyst/react-auth';
import type { Role } from '@bytelyst/trading-contracts';
import { PageHeader } from '../../../components/panel';
import { navigate, useRoute } from '../../../lib/router';
import { AuditLog } from './audit-log';
import { Clusters, Entries, Signals } from './clusters';
import { ConfigEditor } from './config-editor';
import { ControlsPanel } from './controls-panel';
import { HealthPanel } from './health-panel';
import { MobilePolicyPanel } from './mobile-policy-panel';
import { PeoplePanel } from './people-panel';
import { ProductPanel } from './product-panel';
import { PromotionPolicyPanel } from './promotion-policy-panel';

/**
 * Sections by role: a tenant admin gets their tenant's controls, audit and people; operators all.
 */
const TABS = [
  { id: 'controls', label: 'Trading control', operatorOnly: false },
  { id: 'config', label: 'Config', operatorOnly: true },
  { id: 'audit', label: 'Audit log', operatorOnly: false },
  { id: 'people', label: 'People', operatorOnly: false },
  { id: 'mobile', label: 'Mobile', operatorOnly: false },
  { id: 'promotion', label: 'Promotion', operatorOnly: false },
  { id: 'product', label: 'Product', operatorOnly: true },
  { id: 'clusters', label: 'Strategy clusters', operatorOnly: true },
  { id: 'signals', label: 'Signals', operatorOnly: true },
  { id: 'entries', label: 'Entries', operatorOnly: true },
  { id: 'health', label: 'Health', operatorOnly: false },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The Admin Panel sections a role sees (the backend refuses the others on its own). */
export const adminTabsFor = (role: Role) =>
  TABS.filter((t) => !t.operatorOnly || role === 'operator');

/** Shown to operators and tenant admins; every call here is also guarded by the backend. */
export function AdminPage({ tenantId, role }: { tenantId: string; role: Role }) {
  const route = useRoute();
  const selfId = useAuth().user?.id ?? '';
  const tabs = adminTabsFor(role);
  const tab: TabId = tabs.find((t) => t.id === route.segments[1])?.id ?? 'controls';
  return (
    <div className="page">
      <PageHeader
        title="Admin"
        subtitle={
          role === 'operator'
            ? 'Operator controls for every tenant. Every change needs a reason and is audited.'
            : `Controls for ${tenantId}. Every change needs a reason and is audited.`
        }
      />
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
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
      {tab === 'people' && <PeoplePanel role={role} selfId={selfId} />}
      {tab === 'mobile' && <MobilePolicyPanel />}
      {tab === 'promotion' && <PromotionPolicyPanel />}
      {tab === 'product' && <ProductPanel />}
      {tab === 'clusters' && <Clusters />}
      {tab === 'signals' && <Signals />}
      {tab === 'entries' && <Entries />}
      {tab === 'health' && <HealthPanel />}
    </div>
  );
}

import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { formatMoney } from '@bytelyst/trading-client';
import { useMembership } from '../api/get-membership';

function Meter({ label, used, max }: { label: string; used: number; max: number }) {
  const pct = max > 0 ? Math.min(100, (used / max) * 100) : 0;
  return (
    <div className="meter">
      <div className="meter-head">
        <span>{label}</span>
        <span className="num">
          {used.toLocaleString()} / {max.toLocaleString()}
        </span>
      </div>
      <div
        className="meter-bar"
        role="progressbar"
        aria-valuenow={Math.round(pct)}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span
          style={{ width: `${pct}%` }}
          className={pct > 90 ? 'bar-danger' : pct > 70 ? 'bar-warn' : ''}
        />
      </div>
    </div>
  );
}

export function MembershipPage() {
  const m = useMembership();
  return (
    <div className="page">
      <PageHeader title="Membership" subtitle="Your plan and how much of it you use" />
      <Panel title="Plan">
        <DataState query={m}>
          {(d) => (
            <div className="stack">
              <div className="kpi">
                <span className="kpi-label">Plan</span>
                <span className="kpi-value">{d.plan.toUpperCase()}</span>
              </div>
              <Meter label="Profiles" used={d.usage.profiles} max={d.limits.maxProfiles} />
              <Meter
                label={`Capital (max ${formatMoney(d.limits.maxCapital)})`}
                used={Number(d.usage.capital)}
                max={Number(d.limits.maxCapital)}
              />
              <p className="muted small">
                Up to {d.limits.maxSymbolsPerProfile} symbols per profile.
              </p>
            </div>
          )}
        </DataState>
      </Panel>
    </div>
  );
}

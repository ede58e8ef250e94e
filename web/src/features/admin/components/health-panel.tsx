import type { HealthResponse } from '@bytelyst/trading-contracts';
import { Badge, type Tone } from '../../../components/badge';
import { DataState } from '../../../components/data-state';
import { Panel } from '../../../components/panel';
import { formatTime } from '@bytelyst/trading-client';
import { useReadiness } from '../api/admin';

const TONE: Record<HealthResponse['status'], Tone> = { ok: 'ok', degraded: 'warn', fail: 'danger' };

/** What the backend says about its own readiness: the first place to look in an incident. */
export function HealthPanel() {
  const ready = useReadiness();
  return (
    <Panel
      title="Backend readiness"
      actions={ready.data && <Badge tone={TONE[ready.data.status]}>{ready.data.status}</Badge>}
    >
      <DataState
        query={ready}
        isEmpty={(d) => d.checks.length === 0}
        empty="The backend reported no checks."
      >
        {(d) => (
          <>
            <p className="muted small">
              {d.service} {d.version} · checked {formatTime(d.time)} · refreshes every 10 s
            </p>
            <div className="table-wrap">
              <table className="table" data-testid="health-table">
                <thead>
                  <tr>
                    <th>Check</th>
                    <th>State</th>
                    <th>Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {d.checks.map((c) => (
                    <tr key={c.name}>
                      <td className="strong">{c.name}</td>
                      <td>
                        {c.ok ? <Badge tone="ok">ok</Badge> : <Badge tone="danger">failing</Badge>}
                      </td>
                      <td className="muted">{c.detail ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </DataState>
    </Panel>
  );
}

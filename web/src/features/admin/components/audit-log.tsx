import { AuditAction } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { PagedList } from '../../../components/paged-list';
import { Panel } from '../../../components/panel';
import { num, Table } from '../../../components/table';
import { formatTime } from '@bytelyst/trading-client';
import { useAuditPages } from '../api/admin';

const brief = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

export function AuditLog() {
  const [action, setAction] = useState<AuditAction | undefined>(undefined);
  const pages = useAuditPages(action);
  return (
    <Panel
      title="Audit log"
      actions={
        <select
          aria-label="Action"
          value={action ?? ''}
          onChange={(e) => setAction(AuditAction.safeParse(e.target.value).data)}
        >
          <option value="">All actions</option>
          {AuditAction.options.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      }
    >
      <PagedList pages={pages} empty="No audit events.">
        {(items) => (
          <Table
            testId="audit-table"
            columns={[
              num('#'),
              'At',
              'Actor',
              'Action',
              'Target',
              'Before → after',
              'Reason',
              'Request id',
            ]}
          >
            {items.map((e) => (
              <tr key={e.id}>
                <td className="r num">{e.seq}</td>
                <td className="muted">{formatTime(e.at)}</td>
                <td className="small">
                  {e.actor.type}:{e.actor.id}
                </td>
                <td className="mono small">{e.action}</td>
                <td className="small">{e.target}</td>
                <td className="mono small clip" title={`${brief(e.before)} → ${brief(e.after)}`}>
                  {brief(e.before)} → {brief(e.after)}
                </td>
                <td>{e.reason ?? '—'}</td>
                <td className="mono small">{e.requestId ?? '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </Panel>
  );
}

import { DataState } from '../../../components/data-state';
import { Pnl } from '../../../components/numbers';
import { PagedList } from '../../../components/paged-list';
import { Panel } from '../../../components/panel';
import { num, Table } from '../../../components/table';
import { formatPrice, formatQty, formatTime } from '@bytelyst/trading-client';
import { useClusters, useEntryPages, useSignalPages } from '../api/admin';

export function Clusters() {
  const q = useClusters();
  return (
    <Panel title="Strategy clusters">
      <DataState query={q} isEmpty={(d) => d.items.length === 0} empty="No profiles yet.">
        {(d) => (
          <Table
            testId="clusters-table"
            columns={[
              'Strategy',
              'Symbol',
              num('Profiles'),
              num('Tenants'),
              num('Open positions'),
              num('Realised'),
              num('Unrealised'),
            ]}
          >
            {d.items.map((c) => (
              <tr key={`${c.strategy}-${c.symbol}`}>
                <td>{c.strategy}</td>
                <td className="strong">{c.symbol}</td>
                <td className="r num">{c.profiles}</td>
                <td className="r num">{c.tenants}</td>
                <td className="r num">{c.openPositions}</td>
                <td className="r">
                  <Pnl value={c.realizedPnl} />
                </td>
                <td className="r">
                  <Pnl value={c.unrealizedPnl} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </DataState>
    </Panel>
  );
}

/** Cross-tenant strategy decisions (the legacy "Signals" tab). */
export function Signals() {
  const pages = useSignalPages();
  return (
    <Panel title="Signals (all tenants)">
      <PagedList pages={pages} empty="No decisions yet.">
        {(items) => (
          <Table columns={['At', 'Tenant', 'Profile', 'Symbol', 'Action', num('Signal'), 'Why']}>
            {items.map((d) => (
              <tr key={d.id}>
                <td className="muted">{formatTime(d.createdAt)}</td>
                <td>{d.tenantId}</td>
                <td className="mono small">{d.profileId}</td>
                <td className="strong">{d.symbol}</td>
                <td>{d.action}</td>
                <td className="r num">{d.signalStrength.toFixed(2)}</td>
                <td className="small">
                  {d.reasons.map((r) => r.code).join(', ') || d.controlReasons.join(', ')}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </Panel>
  );
}

/** Cross-tenant entry orders (the legacy "Entries" tab). */
export function Entries() {
  const pages = useEntryPages();
  return (
    <Panel title="Entries (all tenants)">
      <PagedList pages={pages} empty="No entry orders yet.">
        {(items) => (
          <Table
            columns={[
              'At',
              'Tenant',
              'Symbol',
              'Side',
              num('Qty'),
              num('Avg price'),
              'Status',
              'Origin',
            ]}
          >
            {items.map((o) => (
              <tr key={o.id}>
                <td className="muted">{formatTime(o.createdAt)}</td>
                <td>{o.tenantId}</td>
                <td className="strong">{o.symbol}</td>
                <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
                <td className="r num">{formatQty(o.quantity)}</td>
                <td className="r num">{formatPrice(o.averageFillPrice)}</td>
                <td>{o.status}</td>
                <td className="muted">{o.origin}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </Panel>
  );
}

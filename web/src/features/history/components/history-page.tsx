import type { Order, OrderStatus } from '@bytelyst/trading-contracts';
import { useOrderPages, useTradePages } from '../../../api/history';
import { Badge, type Tone } from '../../../components/badge';
import { Pnl } from '../../../components/numbers';
import { PagedList } from '../../../components/paged-list';
import { PageHeader, Panel } from '../../../components/panel';
import { num, Table } from '../../../components/table';
import { formatPrice, formatQty, formatTime } from '@bytelyst/trading-client';
import { navigate, useRoute } from '../../../lib/router';

const STATUS_TONE: Record<OrderStatus, Tone> = {
  NEW: 'muted',
  SUBMITTED: 'info',
  PARTIALLY_FILLED: 'info',
  FILLED: 'ok',
  CANCELLED: 'muted',
  REJECTED: 'danger',
  EXPIRED: 'muted',
};

function OrderRow({ o }: { o: Order }) {
  return (
    <tr>
      <td className="muted">{formatTime(o.createdAt)}</td>
      <td className="strong">{o.symbol}</td>
      <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
      <td>{o.type}</td>
      <td className="r num">{formatQty(o.quantity)}</td>
      <td className="r num">{formatQty(o.filledQuantity)}</td>
      <td className="r num">{formatPrice(o.averageFillPrice ?? o.limitPrice)}</td>
      <td>
        <Badge tone={STATUS_TONE[o.status]}>{o.status}</Badge>
        {o.outcomeUnknown && <Badge tone="warn">outcome unknown</Badge>}
        {o.rejectReason && <div className="neg small">{o.rejectReason}</div>}
      </td>
      <td className="muted">{o.origin}</td>
      <td className="muted small mono">{o.clientOrderId}</td>
    </tr>
  );
}

function Orders() {
  const pages = useOrderPages({ limit: 50 });
  return (
    <PagedList pages={pages} empty="No orders yet.">
      {(items) => (
        <Table
          testId="orders-table"
          columns={[
            'Created',
            'Symbol',
            'Side',
            'Type',
            num('Qty'),
            num('Filled'),
            num('Price'),
            'Status',
            'Origin',
            'Client order id',
          ]}
        >
          {items.map((o) => (
            <OrderRow key={o.id} o={o} />
          ))}
        </Table>
      )}
    </PagedList>
  );
}

function Trades() {
  const pages = useTradePages({ limit: 50 });
  return (
    <PagedList pages={pages} empty="No closed trades yet.">
      {(items) => (
        <Table
          testId="trades-table"
          columns={[
            'Opened',
            'Closed',
            'Symbol',
            'Side',
            num('Qty'),
            num('Entry'),
            num('Exit'),
            num('Fees'),
            num('PnL'),
            'Exit reason',
          ]}
        >
          {items.map((t) => (
            <tr key={t.id}>
              <td className="muted">{formatTime(t.openedAt)}</td>
              <td className="muted">{formatTime(t.closedAt)}</td>
              <td className="strong">{t.symbol}</td>
              <td>{t.side}</td>
              <td className="r num">{formatQty(t.quantity)}</td>
              <td className="r num">{formatPrice(t.entryPrice)}</td>
              <td className="r num">{formatPrice(t.exitPrice)}</td>
              <td className="r num">{formatPrice(t.fees)}</td>
              <td className="r">
                <Pnl value={t.realizedPnl} />
              </td>
              <td className="muted">{t.exitReason}</td>
            </tr>
          ))}
        </Table>
      )}
    </PagedList>
  );
}

export function HistoryPage() {
  const route = useRoute();
  const tab = route.segments[1] === 'trades' ? 'trades' : 'orders';
  return (
    <div className="page">
      <PageHeader
        title="Orders & trades"
        subtitle="Every order with its status and origin; every closed round trip with its PnL"
      />
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'orders'}
          className={`tab ${tab === 'orders' ? 'active' : ''}`}
          onClick={() => navigate('/history/orders')}
        >
          Orders
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'trades'}
          className={`tab ${tab === 'trades' ? 'active' : ''}`}
          onClick={() => navigate('/history/trades')}
        >
          Trades
        </button>
      </div>
      <Panel title={tab === 'orders' ? 'Orders' : 'Closed trades'}>
        {tab === 'orders' ? <Orders /> : <Trades />}
      </Panel>
    </div>
  );
}

import type { Order, OrderStatus } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useCancelOrder } from '../../../api/cancel-order';
import { useOrderPages, useTradePages } from '../../../api/history';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Badge, type Tone } from '../../../components/badge';
import { Pnl } from '../../../components/numbers';
import { VenueLabel } from '../../../components/venue-label';
import { ExportButton } from '../../../components/export-button';
import { PagedList } from '../../../components/paged-list';
import { tradesCsv } from '../../../api/exports';
import { PageHeader, Panel } from '../../../components/panel';
import { num, Table } from '../../../components/table';
import {
  formatMoney,
  formatPrice,
  formatQty,
  formatTime,
  utcTitle,
} from '@bytelyst/trading-client';
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

/** Resting orders a person may cancel (a market order is never left open long enough). */
const cancellable = (o: Order) =>
  (o.status === 'SUBMITTED' || o.status === 'PARTIALLY_FILLED') && o.type !== 'MARKET';

export function OrderRow({ o, onCancel }: { o: Order; onCancel: (o: Order) => void }) {
  return (
    <tr>
      <td className="muted">{formatTime(o.createdAt)}</td>
      <td className="strong">{o.symbol}</td>
      <td>
        <VenueLabel venue={o.venue} />
      </td>
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
      <td>
        {cancellable(o) && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            data-testid={`cancel-${o.id}`}
            onClick={() => onCancel(o)}
          >
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}

function Orders() {
  const pages = useOrderPages({ limit: 50 });
  const cancel = useCancelOrder();
  const [cancelling, setCancelling] = useState<Order | null>(null);
  return (
    <>
      {cancel.error && <ErrorNotice error={cancel.error} title="The order was not cancelled" />}
      <ConfirmDialog
        open={cancelling !== null}
        title={`Cancel the ${cancelling?.type.toLowerCase() ?? ''} order on ${cancelling?.symbol ?? ''}?`}
        confirmLabel="Cancel order"
        danger
        busy={cancel.isPending}
        onCancel={() => setCancelling(null)}
        onConfirm={() => {
          if (cancelling) cancel.mutate(cancelling.id, { onSuccess: () => cancel.reset() });
          setCancelling(null);
        }}
      >
        <p>
          The venue is asked to cancel what is still open; anything already filled stays booked.
          Cancelling is allowed during maintenance and with trading switched off.
        </p>
      </ConfirmDialog>
      <PagedList pages={pages} empty="No orders yet.">
        {(items) => (
          <Table
            testId="orders-table"
            columns={[
              'Created',
              'Symbol',
              'Venue',
              'Side',
              'Type',
              num('Qty'),
              num('Filled'),
              num('Price'),
              'Status',
              'Origin',
              'Client order id',
              '',
            ]}
          >
            {items.map((o) => (
              <OrderRow key={o.id} o={o} onCancel={setCancelling} />
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}

function Trades() {
  const pages = useTradePages({ limit: 50 });
  return (
    <>
      <div className="toolbar">
        <ExportButton name="trades" build={tradesCsv} testId="export-trades" />
      </div>
      <TradesList pages={pages} />
    </>
  );
}

function TradesList({ pages }: { pages: ReturnType<typeof useTradePages> }) {
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
            num('Gross PnL'),
            num('Fees'),
            num('Net PnL'),
            'Exit reason',
          ]}
        >
          {items.map((t) => (
            <tr key={t.id}>
              <td className="muted" title={utcTitle(t.openedAt)}>
                {formatTime(t.openedAt)}
              </td>
              <td className="muted" title={utcTitle(t.closedAt)}>
                {formatTime(t.closedAt)}
              </td>
              <td className="strong">{t.symbol}</td>
              <td>{t.side}</td>
              <td className="r num">{formatQty(t.quantity)}</td>
              <td className="r num">{formatPrice(t.entryPrice)}</td>
              <td className="r num">{formatPrice(t.exitPrice)}</td>
              <td className="r">
                <Pnl value={t.realizedPnl} />
              </td>
              <td className="r num">{formatMoney(t.fees)}</td>
              <td className="r">
                <Pnl value={t.netPnl} />
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

import type { Trade } from '@bytelyst/trading-contracts';
import { Pnl } from '../../../components/numbers';
import {
  formatMoney,
  formatPrice,
  formatQty,
  formatTime,
  utcTitle,
} from '@bytelyst/trading-client';

export function RecentTrades({ trades }: { trades: Trade[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="recent-trades">
        <thead>
          <tr>
            <th>Closed</th>
            <th>Symbol</th>
            <th>Side</th>
            <th className="r">Qty</th>
            <th className="r">Entry → Exit</th>
            <th className="r">Gross PnL</th>
            <th className="r">Fees</th>
            <th className="r">Net PnL</th>
            <th>Exit reason</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.id}>
              <td className="muted" title={utcTitle(t.closedAt)}>
                {formatTime(t.closedAt)}
              </td>
              <td className="strong">{t.symbol}</td>
              <td>{t.side}</td>
              <td className="r num">{formatQty(t.quantity)}</td>
              <td className="r num">
                {formatPrice(t.entryPrice)} → {formatPrice(t.exitPrice)}
              </td>
              <td className="r">
                <Pnl value={t.realizedPnl} />
              </td>
              <td className="r num" data-testid="trade-fees">
                {formatMoney(t.fees)}
              </td>
              <td className="r" data-testid="trade-net">
                <Pnl value={t.netPnl} />
              </td>
              <td className="muted">{t.exitReason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

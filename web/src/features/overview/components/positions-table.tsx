import type { Position } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useClosePosition } from '../../../api/close-position';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Pnl } from '../../../components/numbers';
import { formatPrice, formatQty, formatTime, signOf } from '@bytelyst/trading-client';

export function PositionsTable({
  positions,
  profileNames,
}: {
  positions: Position[];
  profileNames: Map<string, string>;
}) {
  const close = useClosePosition();
  const [closing, setClosing] = useState<Position | null>(null);
  return (
    <div className="table-wrap">
      {close.error && <ErrorNotice error={close.error} title="The position was not closed" />}
      <ConfirmDialog
        open={closing !== null}
        title={`Close ${closing?.symbol ?? ''} at market?`}
        confirmLabel="Close position"
        danger
        busy={close.isPending}
        onCancel={() => setClosing(null)}
        onConfirm={() => {
          if (closing) {
            close.mutate({
              profileId: closing.profileId,
              symbol: closing.symbol,
              reason: 'closed from web',
            });
          }
          setClosing(null);
        }}
      >
        <p>
          A market order for the whole position is sent; the backend applies every control to it.
        </p>
      </ConfirmDialog>
      <table className="table" data-testid="positions-table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Profile</th>
            <th>Side</th>
            <th className="r">Quantity</th>
            <th className="r">Entry</th>
            <th className="r">Mark</th>
            <th className="r">Unrealised PnL</th>
            <th className="r">Realised</th>
            <th>Opened</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={`${p.profileId}-${p.symbol}`}>
              <td className="strong">{p.symbol}</td>
              <td>{profileNames.get(p.profileId) ?? p.profileId}</td>
              <td>
                <span className={signOf(p.quantity) < 0 ? 'neg' : 'pos'}>
                  {signOf(p.quantity) < 0 ? 'SHORT' : 'LONG'}
                </span>
              </td>
              <td className="r num">{formatQty(p.quantity.replace(/^-/, ''))}</td>
              <td className="r num">{formatPrice(p.averageEntryPrice)}</td>
              <td className="r num">{formatPrice(p.markPrice)}</td>
              <td className="r">
                <Pnl value={p.unrealizedPnl} />
              </td>
              <td className="r">
                <Pnl value={p.realizedPnl} />
              </td>
              <td className="muted">{formatTime(p.openedAt)}</td>
              <td className="r">
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  onClick={() => setClosing(p)}
                >
                  Close
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

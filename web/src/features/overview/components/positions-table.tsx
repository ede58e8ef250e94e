import type { Position } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useClosePosition } from '../../../api/close-position';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Pnl } from '../../../components/numbers';
import { VenueLabel } from '../../../components/venue-label';
import {
  formatAge,
  formatMoney,
  formatPrice,
  formatQty,
  formatTime,
  signOf,
  utcTitle,
} from '@bytelyst/trading-client';

/** The mark's age at the valuation instant, and a stale badge past the backend's limit. */
function MarkCell({ p, at }: { p: Position; at?: string | undefined }) {
  const age = p.markAt && at ? Math.max(0, Date.parse(at) - Date.parse(p.markAt)) : null;
  return (
    <td className="r num" title={utcTitle(p.markAt)} data-testid="mark-cell">
      {formatPrice(p.markPrice)}
      {p.markStale && (
        <span className="badge badge-warn" data-testid="mark-stale">
          {' '}
          stale{age !== null ? ` ${formatAge(age)}` : ''}
        </span>
      )}
    </td>
  );
}

export function PositionsTable({
  positions,
  profileNames,
  at,
}: {
  positions: Position[];
  profileNames: Map<string, string>;
  /** When the books were valued (the marks' ages are counted to it). */
  at?: string;
  staleAfterMs?: number;
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
            <th>Venue</th>
            <th>Side</th>
            <th className="r">Quantity</th>
            <th className="r">Entry</th>
            <th className="r">Mark</th>
            <th className="r">Unrealised PnL</th>
            <th className="r">Realised (gross)</th>
            <th className="r">Fees</th>
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
                <VenueLabel venue={p.venue} />
              </td>
              <td>
                <span className={signOf(p.quantity) < 0 ? 'neg' : 'pos'}>
                  {signOf(p.quantity) < 0 ? 'SHORT' : 'LONG'}
                </span>
              </td>
              <td className="r num">{formatQty(p.quantity.replace(/^-/, ''))}</td>
              <td className="r num">{formatPrice(p.averageEntryPrice)}</td>
              <MarkCell p={p} at={at} />
              <td className="r">
                <Pnl value={p.unrealizedPnl} />
              </td>
              <td className="r">
                <Pnl value={p.realizedPnl} />
              </td>
              <td className="r num">{formatMoney(p.fees)}</td>
              <td className="muted" title={utcTitle(p.openedAt)}>
                {formatTime(p.openedAt)}
              </td>
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

import type { OrderType, Side, TradingProfile } from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { VenueLabel } from '../../../components/venue-label';
import { ErrorNotice } from '../../../components/error-notice';
import { isApiError } from '@bytelyst/trading-client';
import { formatPrice, formatQty } from '@bytelyst/trading-client';
import { usePlaceTrade } from '../api/place-trade';

const newKey = () => crypto.randomUUID();

/**
 * Manual order ticket. One idempotency key per intended order: it survives a retry after a
 * network failure (the backend returns the first result) and is renewed once the server has
 * answered, so the next order is a new one.
 */
export function TradeTicket(props: {
  symbol: string;
  profiles: TradingProfile[];
  lastPrice: string | null;
  disabledReason: string | null;
  halted: boolean;
}) {
  const eligible = props.profiles.filter((p) => p.symbols.includes(props.symbol));
  const [profileId, setProfileId] = useState<string>('');
  const [side, setSide] = useState<Side>('BUY');
  const [type, setType] = useState<OrderType>('MARKET');
  const [quantity, setQuantity] = useState('0.01');
  const [limitPrice, setLimitPrice] = useState('');
  const [key, setKey] = useState(newKey);
  const trade = usePlaceTrade();
  const chosen = profileId || eligible[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    trade.mutate(
      {
        body: {
          profileId: chosen,
          symbol: props.symbol,
          side,
          type,
          quantity: quantity.trim(),
          ...(type === 'LIMIT' && limitPrice ? { limitPrice: limitPrice.trim() } : {}),
        },
        idempotencyKey: key,
      },
      {
        onSettled: (_d, err) => {
          // Keep the key only when we do not know whether the order landed.
          if (!(isApiError(err) && err.code === 'NETWORK_UNREACHABLE')) setKey(newKey());
        },
      },
    );
  };

  const denied =
    isApiError(trade.error) &&
    (trade.error.code === 'ORDER_DENIED' || trade.error.code === 'TRADING_HALTED');

  return (
    <form className="ticket" onSubmit={submit} data-testid="trade-ticket">
      <div className="seg" role="group" aria-label="Side">
        <button
          type="button"
          className={`seg-btn ${side === 'BUY' ? 'seg-buy' : ''}`}
          onClick={() => setSide('BUY')}
        >
          Buy
        </button>
        <button
          type="button"
          className={`seg-btn ${side === 'SELL' ? 'seg-sell' : ''}`}
          onClick={() => setSide('SELL')}
        >
          Sell
        </button>
      </div>
      <label>
        Profile
        <select
          value={chosen}
          onChange={(e) => setProfileId(e.target.value)}
          disabled={!eligible.length}
        >
          {eligible.length === 0 && <option value="">No profile trades {props.symbol}</option>}
          {eligible.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value as OrderType)}>
          <option value="MARKET">Market</option>
          <option value="LIMIT">Limit</option>
        </select>
      </label>
      <label>
        Quantity
        <input
          inputMode="decimal"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          name="quantity"
        />
      </label>
      {type === 'LIMIT' && (
        <label>
          Limit price
          <input
            inputMode="decimal"
            value={limitPrice}
            onChange={(e) => setLimitPrice(e.target.value)}
            placeholder={props.lastPrice ?? ''}
          />
        </label>
      )}
      <div className="ticket-est muted">
        Last {formatPrice(props.lastPrice)} · est. notional{' '}
        {props.lastPrice && Number(quantity) > 0
          ? formatPrice(String((Number(quantity) * Number(props.lastPrice)).toFixed(2)))
          : '—'}
      </div>
      {props.disabledReason && <div className="notice notice-warn">{props.disabledReason}</div>}
      <button
        type="submit"
        className={`btn ${side === 'BUY' ? 'btn-buy' : 'btn-sell'}`}
        disabled={trade.isPending || !chosen || props.halted}
      >
        {trade.isPending ? 'Sending…' : `${side === 'BUY' ? 'Buy' : 'Sell'} ${props.symbol}`}
      </button>
      {trade.isSuccess && (
        <div className="notice notice-ok" data-testid="trade-result">
          Order {trade.data.order.status.toLowerCase()}: {trade.data.order.side}{' '}
          {formatQty(trade.data.order.quantity)} {trade.data.order.symbol}
          {trade.data.order.averageFillPrice && (
            <> @ {formatPrice(trade.data.order.averageFillPrice)}</>
          )}{' '}
          on <VenueLabel venue={trade.data.order.venue} />{' '}
          <Badge tone="muted">{trade.data.order.clientOrderId}</Badge>
        </div>
      )}
      {trade.error && (
        <div data-testid="trade-denied">
          <ErrorNotice
            error={trade.error}
            title={denied ? 'Order refused by the backend' : 'Order not placed'}
          />
        </div>
      )}
    </form>
  );
}

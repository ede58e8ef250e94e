import { Timeframe, type Timeframe as TimeframeT } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { useBotState } from '../../../api/bot-state';
import { useTradingFlags } from '../../../api/feature-flags';
import { useOrderPages, useTradePages } from '../../../api/history';
import { usePrices } from '../../../api/prices';
import { useProfiles } from '../../../api/profiles';
import { PriceChart, tradeMarkers } from '../../../components/charts/price-chart';
import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { formatPrice, formatTime } from '@bytelyst/trading-client';
import { href, navigate, useRoute } from '../../../lib/router';
import { useCandles } from '../api/get-candles';
import { TradeTicket } from './trade-ticket';

export function MarketsPage() {
  const route = useRoute();
  const prices = usePrices();
  const flags = useTradingFlags();
  const bot = useBotState();
  const profiles = useProfiles();
  const instruments = prices.data?.instruments ?? [];
  const symbol = route.segments[1] ?? instruments[0]?.symbol ?? null;
  const tfParsed = Timeframe.safeParse(route.query.get('tf') ?? '1m');
  const timeframe: TimeframeT = tfParsed.success ? tfParsed.data : '1m';
  const candles = useCandles(symbol ? { symbol, timeframe, limit: 300 } : null);
  const orders = useOrderPages({ ...(symbol ? { symbol } : {}), limit: 200 });
  const trades = useTradePages({ ...(symbol ? { symbol } : {}), limit: 200 });
  const last = prices.data?.prices.find((p) => p.symbol === symbol) ?? null;

  const markers = useMemo(
    () =>
      tradeMarkers({
        candles: candles.data?.items ?? [],
        orders: orders.data?.pages.flatMap((p) => p.items) ?? [],
        trades: trades.data?.pages.flatMap((p) => p.items) ?? [],
      }),
    [candles.data, orders.data, trades.data],
  );

  // HALTED places no orders at all; PAUSED still allows reducing orders, so only warn then.
  const halted = bot.data ? !bot.data.verdict.canReduce : false;
  const disabledReason = halted
    ? 'Trading is halted: the backend places no orders until an operator resumes it.'
    : bot.data && !bot.data.verdict.canEnter
      ? 'New entries are blocked right now; only orders that reduce a position can go through.'
      : null;

  return (
    <div className="page">
      <PageHeader title="Markets" subtitle="Live prices with your entries and exits" />
      <DataState
        query={prices}
        isEmpty={(d) => d.instruments.length === 0}
        empty="No instruments are configured."
      >
        {(d) => (
          <div className="symbol-strip" role="tablist">
            {d.instruments.map((i) => {
              const p = d.prices.find((x) => x.symbol === i.symbol);
              return (
                <a
                  key={i.symbol}
                  role="tab"
                  aria-selected={i.symbol === symbol}
                  className={`symbol-chip ${i.symbol === symbol ? 'active' : ''}`}
                  href={href(`/markets/${i.symbol}?tf=${timeframe}`)}
                >
                  <span className="strong">{i.symbol}</span>
                  <span className="num">{formatPrice(p?.price)}</span>
                </a>
              );
            })}
          </div>
        )}
      </DataState>
      {symbol && (
        <div className="grid-market">
          <Panel
            title={
              <>
                {symbol}{' '}
                <span className="num live-price" data-testid="live-price">
                  {formatPrice(last?.price)}
                </span>
                <span className="muted small"> {last ? `at ${formatTime(last.at)}` : ''}</span>
              </>
            }
            actions={
              <div className="seg" role="group" aria-label="Timeframe">
                {Timeframe.options.map((tf) => (
                  <button
                    key={tf}
                    type="button"
                    className={`seg-btn ${tf === timeframe ? 'active' : ''}`}
                    onClick={() => navigate(`/markets/${symbol}?tf=${tf}`)}
                  >
                    {tf}
                  </button>
                ))}
              </div>
            }
          >
            <DataState
              query={candles}
              isEmpty={(d) => d.items.length === 0}
              empty="No candles yet for this symbol and timeframe."
            >
              {(d) => (
                <PriceChart candles={d.items} markers={markers} lastPrice={last?.price ?? null} />
              )}
            </DataState>
            <div className="legend muted small">
              <span className="pos">▲ entry</span> <span className="neg">▼ exit</span> — markers
              come from your filled orders and closed trades.
            </div>
          </Panel>
          {flags.manualTrading && (
            <Panel title="Manual order">
              <TradeTicket
                symbol={symbol}
                profiles={profiles.data?.items ?? []}
                lastPrice={last?.price ?? null}
                disabledReason={disabledReason}
                halted={halted}
              />
            </Panel>
          )}
        </div>
      )}
    </div>
  );
}

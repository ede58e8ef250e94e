import { Timeframe, type Timeframe as TimeframeT } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { useBotState } from '../../../api/bot-state';
import { useTradingFlags } from '../../../api/feature-flags';
import { useOrderPages, useTradePages } from '../../../api/history';
import { useMarketPrices } from '../../../api/prices';
import { useProfiles } from '../../../api/profiles';
import { PriceChart, tradeMarkers } from '../../../components/charts/price-chart';
import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { formatPrice, formatTime } from '@bytelyst/trading-client';
import { href, navigate, useRoute } from '../../../lib/router';
import { useCandles } from '../api/get-candles';
import { TradeTicket } from './trade-ticket';
import { MarketPicker, useVenueMarkets } from './market-picker';

export function MarketsPage() {
  const route = useRoute();
  const markets = useVenueMarkets();
  // A venue account's market, or the simulated one (no `account` in the address).
  const account = markets.venues.find((m) => m.id === route.query.get('account'))?.id ?? null;
  const market = account ? `&account=${account}` : '';
  const prices = useMarketPrices(account);
  const flags = useTradingFlags();
  const bot = useBotState();
  const profiles = useProfiles();
  const instruments = prices.data?.instruments ?? [];
  const symbol = route.segments[1] ?? instruments[0]?.symbol ?? null;
  const tfParsed = Timeframe.safeParse(route.query.get('tf') ?? '1m');
  const timeframe: TimeframeT = tfParsed.success ? tfParsed.data : '1m';
  const candles = useCandles(
    symbol ? { symbol, timeframe, limit: 300, ...(account ? { account } : {}) } : null,
  );
  // Markers only from the profiles trading on the market shown.
  const onMarket = useMemo(
    () =>
      new Set(
        (profiles.data?.items ?? [])
          .filter((p) =>
            account ? p.venueAccountId === account : markets.isPaper(p.venueAccountId),
          )
          .map((p) => p.id),
      ),
    [profiles.data, account, markets],
  );
  const orders = useOrderPages({ ...(symbol ? { symbol } : {}), limit: 200 });
  const trades = useTradePages({ ...(symbol ? { symbol } : {}), limit: 200 });
  const last = prices.data?.prices.find((p) => p.symbol === symbol) ?? null;

  const markers = useMemo(
    () =>
      tradeMarkers({
        candles: candles.data?.items ?? [],
        orders: (orders.data?.pages.flatMap((p) => p.items) ?? []).filter((o) =>
          o.profileId === null ? account === null : onMarket.has(o.profileId),
        ),
        trades: (trades.data?.pages.flatMap((p) => p.items) ?? []).filter((t) =>
          onMarket.has(t.profileId),
        ),
      }),
    [candles.data, orders.data, trades.data, onMarket],
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
      <PageHeader
        title="Markets"
        subtitle="Live prices with your entries and exits"
        actions={
          <MarketPicker
            markets={markets}
            value={account}
            onChange={(id) =>
              navigate(
                `/markets${symbol ? `/${symbol}` : ''}?tf=${timeframe}${id ? `&account=${id}` : ''}`,
              )
            }
          />
        }
      />
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
                  href={href(`/markets/${i.symbol}?tf=${timeframe}${market}`)}
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
                    onClick={() => navigate(`/markets/${symbol}?tf=${tf}${market}`)}
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
                profiles={(profiles.data?.items ?? []).filter((p) => onMarket.has(p.id))}
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

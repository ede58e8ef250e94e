import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Text, View } from 'react-native';
import { usePositions } from '../../../api/positions';
import { usePrices } from '../../../api/prices';
import { PositionRow } from '../../../components/position-row';
import { Screen } from '../../../components/screen';
import { pnlColor, text } from '../../../components/theme';
import { Card, DataState, Row } from '../../../components/ui';
import { formatMoney, formatPrice, formatTime, signOf } from '@bytelyst/trading-client';
import { useEquityHistory, usePortfolio } from '../api/equity';
import { Sparkline } from '../../../components/sparkline';
import { accountCurve, thin } from '../../../lib/equity-history';
import { BotStateCard } from './bot-state-card';

export function OverviewScreen() {
  const client = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const onRefresh = () => {
    setRefreshing(true);
    void client.invalidateQueries().finally(() => setRefreshing(false));
  };
  return (
    <Screen title="Overview" onRefresh={onRefresh} refreshing={refreshing} testID="overview">
      <BotStateCard />
      <EquityCard />
      <EquityHistoryCard />
      <PricesCard />
      <OpenPositionsCard />
    </Screen>
  );
}

function EquityCard() {
  const q = usePortfolio();
  const total = q.data ? { ...q.data.account, at: q.data.at } : null;
  return (
    <Card title="Account">
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={!total}
        emptyText="No equity snapshot yet."
      >
        {total ? (
          <View testID="equity">
            <Text style={text.big}>{formatMoney(total.equity)}</Text>
            <Row
              label="Unrealised PnL"
              value={formatMoney(total.unrealizedPnl, true)}
              valueColor={pnlColor(signOf(total.unrealizedPnl))}
            />
            <Row
              label="Realised PnL, net of fees"
              value={formatMoney(total.netRealizedPnl, true)}
              valueColor={pnlColor(signOf(total.netRealizedPnl))}
            />
            <Row label="Fees paid" value={formatMoney(total.fees)} />
            <Row label="As of" value={formatTime(total.at)} />
          </View>
        ) : null}
      </DataState>
    </Card>
  );
}

/** The account's recent equity, thinned to what a phone-wide chart can show. */
function EquityHistoryCard() {
  const q = useEquityHistory();
  const curve = accountCurve(q.data ?? []);
  return (
    <Card title="Equity history">
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={curve.length === 0}
        emptyText="No equity history yet."
      >
        <Sparkline
          values={thin(curve, 120).map(String)}
          height={56}
          testID="equity-history"
          accessibilityLabel={`equity history, ${q.data?.length ?? 0} snapshots`}
        />
        <Text style={text.muted}>
          {q.data?.length ?? 0} snapshots
          {q.data?.[0] ? ` since ${formatTime(q.data[0].at)}` : ''}
        </Text>
      </DataState>
    </Card>
  );
}

function PricesCard() {
  const q = usePrices();
  const prices = [...(q.data?.prices ?? [])].sort((a, b) => a.symbol.localeCompare(b.symbol));
  return (
    <Card title="Prices">
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={prices.length === 0}
        emptyText="No prices yet."
      >
        {prices.map((p) => (
          <Row
            key={p.symbol}
            label={p.symbol}
            value={
              <Text style={text.number} testID={`price-${p.symbol}`}>
                {formatPrice(p.price)}
              </Text>
            }
          />
        ))}
      </DataState>
    </Card>
  );
}

function OpenPositionsCard() {
  const q = usePositions();
  const items = q.data?.items ?? [];
  return (
    <Card title={`Open positions (${items.length})`} testID="open-positions">
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={items.length === 0}
        emptyText="No open positions."
      >
        {items.map((p) => (
          <PositionRow key={`${p.profileId}:${p.symbol}`} position={p} />
        ))}
      </DataState>
    </Card>
  );
}

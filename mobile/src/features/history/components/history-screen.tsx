import { StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../../components/screen';
import { colors, pnlColor, text } from '../../../components/theme';
import { Button, Card, DataState } from '../../../components/ui';
import { formatMoney, formatPrice, formatQty, formatTime, signOf } from '@bytelyst/trading-client';
import { useTradePages } from '../api/trades';

export function HistoryScreen() {
  const q = useTradePages();
  const trades = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Screen
      title="History"
      onRefresh={() => void q.refetch()}
      refreshing={q.isRefetching && !q.isFetchingNextPage}
      testID="history"
    >
      <Card>
        <DataState
          loading={q.isPending}
          error={q.error}
          empty={trades.length === 0}
          emptyText="No closed trades yet."
        >
          {trades.map((t) => (
            <View key={t.id} style={styles.row} testID="trade">
              <View style={styles.line}>
                <Text style={text.heading}>{t.symbol}</Text>
                <Text style={[styles.side, { color: t.side === 'LONG' ? colors.pos : colors.neg }]}>
                  {t.side}
                </Text>
                <Text
                  style={[text.number, styles.right, { color: pnlColor(signOf(t.netPnl)) }]}
                  testID="trade-net"
                >
                  {formatMoney(t.netPnl, true)}
                </Text>
              </View>
              <Text style={text.muted}>
                Gross {formatMoney(t.realizedPnl, true)} · fees{' '}
                <Text testID="trade-fees">{formatMoney(t.fees)}</Text> · net of fees
              </Text>
              <Text style={text.muted}>
                {formatQty(t.quantity)} @ {formatPrice(t.entryPrice)} → {formatPrice(t.exitPrice)}
              </Text>
              <Text style={text.muted}>
                Closed {formatTime(t.closedAt)} · {t.exitReason}
              </Text>
            </View>
          ))}
        </DataState>
      </Card>
      {q.hasNextPage ? (
        <Button
          tone="plain"
          label={q.isFetchingNextPage ? 'Loading…' : 'Load older trades'}
          disabled={q.isFetchingNextPage}
          onPress={() => void q.fetchNextPage()}
          testID="load-more"
        />
      ) : trades.length > 0 ? (
        <Text style={text.muted}>That is all of your history.</Text>
      ) : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  row: { borderTopColor: colors.border, borderTopWidth: 1, paddingVertical: 10, gap: 2 },
  line: { flexDirection: 'row', alignItems: 'center', gap: 10 },
  side: { fontSize: 12, fontWeight: '700' },
  right: { marginLeft: 'auto' },
});

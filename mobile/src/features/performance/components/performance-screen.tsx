import type { Analytics, PeriodPnl, Trade, TradeStats } from '@bytelyst/trading-contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import {
  formatDuration,
  formatMoney,
  formatPct,
  formatTime,
  signOf,
  viewerZone,
} from '@bytelyst/trading-client';
import { Screen } from '../../../components/screen';
import { colors, pnlColor, text } from '../../../components/theme';
import { Card, DataState, Row } from '../../../components/ui';
import { useAnalytics, useEquitySeries } from '../api/performance';
import { Sparkline } from '../../../components/sparkline';

const winRate = (s: TradeStats) => (s.winRate === null ? '—' : `${(s.winRate * 100).toFixed(1)}%`);
const factor = (s: TradeStats) => (s.profitFactor === null ? '—' : s.profitFactor.toFixed(2));

function Pnl(props: { value: string | null; testID?: string }) {
  return (
    <Text style={[text.number, { color: pnlColor(signOf(props.value)) }]} testID={props.testID}>
      {formatMoney(props.value, true)}
    </Text>
  );
}

/**
 * Performance on the phone, as the web's page: the equity curve ending on the Equity figure,
 * net-of-fees statistics, profit by day, week and month, per strategy and symbol, cumulative net
 * PnL, best and worst trade, exposure. Every figure is the backend's (GET /api/equity/series and
 * GET /api/analytics); this screen formats, never sums.
 */
export function PerformanceScreen() {
  const client = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const onRefresh = () => {
    setRefreshing(true);
    void client.invalidateQueries().finally(() => setRefreshing(false));
  };
  return (
    <Screen title="Performance" onRefresh={onRefresh} refreshing={refreshing} testID="performance">
      <EquityCurveCard />
      <AnalyticsCards />
    </Screen>
  );
}

function EquityCurveCard() {
  const q = useEquitySeries();
  const s = q.data;
  const last = s?.points.at(-1);
  return (
    <Card title="Equity" testID="equity-curve-card">
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={!s}
        emptyText="No equity recorded yet."
      >
        {s ? (
          <>
            <Text style={text.big} testID="perf-equity">
              {formatMoney(s.current.equity)}
            </Text>
            <Sparkline
              values={s.points.map((p) => p.equity)}
              testID="equity-curve"
              accessibilityLabel={`Equity curve, ${s.points.length} points`}
            />
            <Row
              label="Last point of the curve"
              value={
                <Text style={text.number} testID="equity-curve-last">
                  {formatMoney(last?.equity)}
                </Text>
              }
            />
            <Row label="Max drawdown" value={formatPct(s.maxDrawdown.pct)} />
            <Row label="From peak now" value={formatPct(s.currentDrawdownPct)} />
          </>
        ) : null}
      </DataState>
    </Card>
  );
}

function AnalyticsCards() {
  const q = useAnalytics();
  const a = q.data;
  const zone = viewerZone();
  return (
    <>
      <Card title="Net of fees" testID="perf-summary">
        <DataState
          loading={q.isPending}
          error={q.error}
          empty={!a || (a.summary.trades === 0 && a.byDay.length === 0)}
          emptyText="No closed trades yet: performance appears with the first realised PnL."
        >
          {a ? <Summary a={a} /> : null}
        </DataState>
      </Card>
      {a && (a.summary.trades > 0 || a.byDay.length > 0) ? (
        <>
          <Card title="Profit by period" testID="perf-periods">
            <Text style={text.muted}>
              Days in your time zone: {zone.timeZone} ({zone.label})
            </Text>
            <Periods a={a} />
          </Card>
          <Card title="Cumulative net PnL" testID="perf-cumulative">
            <Sparkline values={a.cumulative.map((p) => p.netPnl)} height={56} />
            <Row
              label="Now"
              value={<Pnl value={a.cumulative.at(-1)?.netPnl ?? null} testID="cumulative-last" />}
            />
          </Card>
          <Card title="Best and worst trade" testID="perf-extremes">
            <Extreme label="Best" trade={a.best} id="best" />
            <Extreme label="Worst" trade={a.worst} id="worst" />
          </Card>
          <Card title="Per strategy" testID="perf-by-strategy">
            {a.byStrategy.map((r) => (
              <StatsRow key={r.strategy} name={r.strategy} s={r} />
            ))}
          </Card>
          <Card title="Per symbol" testID="perf-by-symbol">
            {a.bySymbol.map((r) => (
              <StatsRow key={r.symbol} name={r.symbol} s={r} />
            ))}
          </Card>
        </>
      ) : null}
      {a ? (
        <Card title="Exposure now" testID="perf-exposure">
          <Row
            label="Gross"
            value={
              <Text style={text.number} testID="exposure-gross">
                {formatMoney(a.exposure.gross)}
              </Text>
            }
          />
          <Row
            label="Of equity"
            value={a.exposure.ofEquity === null ? '—' : formatPct(String(a.exposure.ofEquity))}
          />
          {a.exposure.bySymbol.map((e) => (
            <Row key={e.symbol} label={e.symbol} value={formatMoney(e.value)} />
          ))}
        </Card>
      ) : null}
    </>
  );
}

function Summary({ a }: { a: Analytics }) {
  const s = a.summary;
  return (
    <>
      <Row
        label={`Net PnL (${s.trades} trades)`}
        value={<Pnl value={s.netPnl} testID="perf-net" />}
      />
      <Row
        label="Win rate"
        value={
          <Text style={text.number} testID="perf-winrate">
            {winRate(s)}
          </Text>
        }
      />
      <Row label="Profit factor" value={factor(s)} />
      <Row
        label="Fees"
        value={
          <Text style={text.number} testID="perf-fees">
            {formatMoney(s.fees)}
          </Text>
        }
      />
      <Row label="Average win" value={formatMoney(s.avgWin, true)} />
      <Row label="Average loss" value={formatMoney(s.avgLoss, true)} />
      <Row label="Average duration" value={formatDuration(s.avgDurationMs)} />
    </>
  );
}

const SPANS = [
  ['Day', 'byDay'],
  ['Week', 'byWeek'],
  ['Month', 'byMonth'],
] as const;

function Periods({ a }: { a: Analytics }) {
  const [span, setSpan] = useState<(typeof SPANS)[number][1]>('byDay');
  const rows: PeriodPnl[] = [...a[span]].reverse().slice(0, 14);
  return (
    <>
      <View style={styles.tabs} accessibilityRole="tablist">
        {SPANS.map(([label, key]) => (
          <Pressable
            key={key}
            accessibilityRole="tab"
            accessibilityState={{ selected: span === key }}
            onPress={() => setSpan(key)}
            style={[styles.tab, span === key ? styles.tabOn : null]}
          >
            <Text style={text.body}>{label}</Text>
          </Pressable>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.period} style={styles.period} testID={`period-${r.period}`}>
          <Text style={text.body}>{r.period}</Text>
          <Text style={[text.muted, styles.right]}>fees {formatMoney(r.fees)}</Text>
          <Pnl value={r.netPnl} testID="period-net" />
        </View>
      ))}
    </>
  );
}

function Extreme(props: { label: string; trade: Trade | null; id: string }) {
  const t = props.trade;
  return (
    <View style={styles.block} testID={`perf-${props.id}`}>
      <View style={styles.period}>
        <Text style={text.body}>
          {props.label}: {t ? `${t.symbol} ${t.side}` : '—'}
        </Text>
        {t ? (
          <View style={styles.right}>
            <Pnl value={t.netPnl} testID={`perf-${props.id}-net`} />
          </View>
        ) : null}
      </View>
      {t ? (
        <Text style={text.muted}>
          Closed {formatTime(t.closedAt)} · gross {formatMoney(t.realizedPnl, true)} · fees{' '}
          <Text testID={`perf-${props.id}-fees`}>{formatMoney(t.fees)}</Text>
        </Text>
      ) : null}
    </View>
  );
}

function StatsRow(props: { name: string; s: TradeStats }) {
  const s = props.s;
  return (
    <View style={styles.block} testID="stats-row">
      <View style={styles.period}>
        <Text style={text.body}>{props.name}</Text>
        <View style={styles.right}>
          <Pnl value={s.netPnl} />
        </View>
      </View>
      <Text style={text.muted}>
        {s.trades} trades · win {winRate(s)} · PF {factor(s)} · fees {formatMoney(s.fees)} ·{' '}
        {formatDuration(s.avgDurationMs)}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  tabs: { flexDirection: 'row', gap: 8, marginVertical: 8 },
  tab: {
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 999,
    paddingHorizontal: 12,
    paddingVertical: 4,
  },
  tabOn: { backgroundColor: colors.border },
  period: { flexDirection: 'row', alignItems: 'center', gap: 10, paddingVertical: 3 },
  right: { marginLeft: 'auto' },
  block: { borderTopColor: colors.border, borderTopWidth: 1, paddingVertical: 8, gap: 2 },
});

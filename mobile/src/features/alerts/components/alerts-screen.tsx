import type { Alert, AlertSeverity } from '@bytelyst/trading-contracts';
import { StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../../components/screen';
import { colors, text } from '../../../components/theme';
import { Badge, Button, Card, DataState } from '../../../components/ui';
import { formatTime } from '@bytelyst/trading-client';
import { useAcknowledgeAlert, useAlertCounts, useAlertPages } from '../api/alerts';

const TONE: Record<AlertSeverity, 'info' | 'warn' | 'bad'> = {
  info: 'info',
  warning: 'warn',
  critical: 'bad',
};

export function AlertsScreen() {
  const q = useAlertPages();
  const counts = useAlertCounts();
  const ack = useAcknowledgeAlert();
  const alerts = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Screen
      title="Alerts"
      onRefresh={() => {
        void q.refetch();
        void counts.refetch();
      }}
      refreshing={q.isRefetching && !q.isFetchingNextPage}
      testID="alerts"
    >
      <Text style={text.muted} testID="alerts-open">
        {counts.data ? `${counts.data.open} open` : ' '}
      </Text>
      <Card>
        <DataState
          loading={q.isPending}
          error={q.error}
          empty={alerts.length === 0}
          emptyText="No alerts. All quiet."
        >
          {alerts.map((a) => (
            <AlertRow
              key={a.id}
              alert={a}
              busy={ack.isPending}
              onAcknowledge={() => ack.mutate(a.id)}
            />
          ))}
        </DataState>
      </Card>
      {q.hasNextPage ? (
        <Button
          tone="plain"
          label={q.isFetchingNextPage ? 'Loading…' : 'Load older alerts'}
          disabled={q.isFetchingNextPage}
          onPress={() => void q.fetchNextPage()}
          testID="load-more"
        />
      ) : null}
    </Screen>
  );
}

function AlertRow(props: { alert: Alert; busy: boolean; onAcknowledge: () => void }) {
  const a = props.alert;
  return (
    <View style={styles.row} testID="alert">
      <View style={styles.line}>
        <Badge tone={TONE[a.severity]} label={a.severity} />
        <Text style={text.heading}>{a.code}</Text>
        <Text style={[text.muted, styles.right]} testID="alert-state">
          {a.state}
        </Text>
      </View>
      <Text style={text.body}>{a.message}</Text>
      <Text style={text.muted}>{formatTime(a.createdAt)}</Text>
      {a.state === 'open' ? (
        <Button
          tone="plain"
          label="Acknowledge"
          disabled={props.busy}
          onPress={props.onAcknowledge}
          testID="alert-ack"
        />
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { borderTopColor: colors.border, borderTopWidth: 1, paddingVertical: 10, gap: 4 },
  line: { flexDirection: 'row', alignItems: 'center', gap: 8 },
  right: { marginLeft: 'auto' },
});

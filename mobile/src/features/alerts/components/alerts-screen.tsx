import type { Alert, AlertSeverity } from '@bytelyst/trading-contracts';
import { StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../../components/screen';
import { colors, text } from '../../../components/theme';
import { Badge, Button, Card, DataState } from '../../../components/ui';
import { formatTime } from '@bytelyst/trading-client';
import { useAlertCounts, useAlertPages } from '../api/alerts';
import { useInterventions } from '../../../api/interventions';
import { useMobileAllows } from '../../../api/mobile-policy';
import { InterventionAction } from '../../../components/intervention-action';

const TONE: Record<AlertSeverity, 'info' | 'warn' | 'bad'> = {
  info: 'info',
  warning: 'warn',
  critical: 'bad',
};

export function AlertsScreen() {
  const q = useAlertPages();
  const counts = useAlertCounts();
  const canAck = useMobileAllows('alert.acknowledge');
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
            <AlertRow key={`${a.id}:${a.state}`} alert={a} canAcknowledge={canAck} />
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

function AlertRow(props: { alert: Alert; canAcknowledge: boolean }) {
  const a = props.alert;
  const act = useInterventions();
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
      {a.state === 'open' && props.canAcknowledge ? (
        <InterventionAction
          label="Acknowledge"
          confirmText={`Acknowledge “${a.code}”? Everyone in your organisation sees that you did.`}
          confirmLabel="Confirm"
          tone="primary"
          doneText="Acknowledged."
          testID="alert-ack"
          run={(key) => act.acknowledgeAlert(a.id, key)}
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

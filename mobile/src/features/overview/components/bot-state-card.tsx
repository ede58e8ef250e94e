import { StyleSheet, Text, View } from 'react-native';
import { useBotState } from '../../../api/bot-state';
import { text } from '../../../components/theme';
import { Badge, Card, DataState } from '../../../components/ui';
import { describeBotState } from '../../../lib/bot-state';
import { formatTime } from '@bytelyst/trading-client';

export function BotStateCard() {
  const q = useBotState();
  const view = q.data ? describeBotState(q.data) : null;
  return (
    <Card title="Trading">
      <DataState loading={q.isPending} error={q.error} empty={!view} emptyText="No state yet">
        {view ? (
          <View testID="bot-state" accessibilityLabel={`bot state ${view.status}`}>
            <View style={styles.head}>
              <Badge tone={view.tone} label={view.label} testID="bot-state-badge" />
              <Text style={text.muted}>Updated {formatTime(q.data?.updatedAt)}</Text>
            </View>
            <Text style={[text.body, styles.gap]}>{view.summary}</Text>
            {view.reasons.map((r) => (
              <Text key={r} style={text.muted} testID="bot-state-reason">
                • {r}
              </Text>
            ))}
          </View>
        ) : null}
      </DataState>
    </Card>
  );
}

const styles = StyleSheet.create({
  head: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  gap: { marginVertical: 8 },
});

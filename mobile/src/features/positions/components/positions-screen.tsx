import { newRequestId } from '@bytelyst/platform-sdk';
import type { Position } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useTradingFlags } from '../../../api/feature-flags';
import { usePositions } from '../../../api/positions';
import { PositionRow } from '../../../components/position-row';
import { Screen } from '../../../components/screen';
import { colors, text } from '../../../components/theme';
import { Button, Card, DataState } from '../../../components/ui';
import { describeError } from '@bytelyst/trading-client';
import { useClosePosition } from '../api/close-position';

export function PositionsScreen() {
  const q = usePositions();
  const flags = useTradingFlags();
  const items = q.data?.items ?? [];
  return (
    <Screen
      title="Positions"
      onRefresh={() => void q.refetch()}
      refreshing={q.isRefetching}
      testID="positions"
    >
      <Card>
        <DataState
          loading={q.isPending}
          error={q.error}
          empty={items.length === 0}
          emptyText="No open positions."
        >
          {items.map((p) => (
            <PositionRow
              key={`${p.profileId}:${p.symbol}`}
              position={p}
              action={flags['mobile.interventions'] ? <CloseAction position={p} /> : null}
            />
          ))}
        </DataState>
      </Card>
      <Text style={text.muted}>
        {flags['mobile.interventions']
          ? 'Closing a position sends a market order through every backend control and risk rule.'
          : 'Monitoring only: trading actions are made on the web dashboard.'}
      </Text>
    </Screen>
  );
}

/** Two steps on purpose: a stray tap never closes a position. */
function CloseAction({ position }: { position: Position }) {
  const [confirming, setConfirming] = useState(false);
  // One key per confirmation, so a retried request cannot close twice.
  const [key, setKey] = useState(newRequestId);
  const close = useClosePosition();
  if (close.isSuccess) return <Text style={text.muted}>Close order sent.</Text>;
  if (!confirming) {
    return (
      <View style={styles.actions}>
        <Button
          tone="plain"
          label="Close position"
          onPress={() => setConfirming(true)}
          testID="close-position"
        />
      </View>
    );
  }
  return (
    <View style={styles.confirm} testID="close-confirm">
      <Text style={text.body}>Close {position.symbol} at market? This cannot be undone.</Text>
      {close.error ? <Text style={styles.error}>{describeError(close.error)}</Text> : null}
      <View style={styles.actions}>
        <Button
          tone="plain"
          label="Cancel"
          onPress={() => {
            setConfirming(false);
            setKey(newRequestId());
            close.reset();
          }}
        />
        <Button
          tone="danger"
          label={close.isPending ? 'Closing…' : 'Confirm close'}
          disabled={close.isPending}
          onPress={() =>
            close.mutate({
              profileId: position.profileId,
              symbol: position.symbol,
              idempotencyKey: key,
            })
          }
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  actions: { flexDirection: 'row', gap: 8, marginTop: 6 },
  confirm: { marginTop: 6, gap: 6 },
  error: { color: colors.neg },
});

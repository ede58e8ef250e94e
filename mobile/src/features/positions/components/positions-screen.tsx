import type { Position } from '@bytelyst/trading-contracts';
import { Text } from 'react-native';
import { usePositions } from '../../../api/positions';
import { PositionRow } from '../../../components/position-row';
import { Screen } from '../../../components/screen';
import { text } from '../../../components/theme';
import { Card, DataState } from '../../../components/ui';
import { useInterventions } from '../../../api/interventions';
import { useMobileAllows } from '../../../api/mobile-policy';
import { InterventionAction } from '../../../components/intervention-action';

export function PositionsScreen() {
  const q = usePositions();
  const canClose = useMobileAllows('position.close');
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
              action={canClose ? <CloseAction position={p} /> : null}
            />
          ))}
        </DataState>
      </Card>
      <Text style={text.muted} testID="positions-policy">
        {canClose
          ? 'Your organisation allows closing a position from the app: it sends a market order through every backend control and risk rule.'
          : 'Monitoring only: your organisation has not approved closing positions from the app. Use the web dashboard.'}
      </Text>
    </Screen>
  );
}

function CloseAction({ position }: { position: Position }) {
  const act = useInterventions();
  return (
    <InterventionAction
      label="Close position"
      confirmText={`Close ${position.symbol} at market? This cannot be undone.`}
      confirmLabel="Confirm close"
      doneText="Close order sent."
      testID="close-position"
      run={(key) => act.closePosition(position, key)}
    />
  );
}

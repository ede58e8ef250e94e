import type { VenueAccount } from '@bytelyst/trading-contracts';
import { StyleSheet, Text, View } from 'react-native';
import { colors, text } from '../../../components/theme';
import { Badge, Card, DataState } from '../../../components/ui';
import type { Tone } from '../../../lib/bot-state';
import { useVenueAccounts } from '../api/venue-accounts';

const TONE: Record<VenueAccount['status'], Tone> = {
  connected: 'ok',
  error: 'bad',
  disconnected: 'muted',
};

/** Read-only on purpose: accounts are connected and disconnected on the web. */
export function VenueAccountsCard() {
  const q = useVenueAccounts();
  const items = q.data?.items ?? [];
  return (
    <Card title="Venue accounts" testID="venue-accounts">
      <DataState loading={q.isPending} error={q.error} empty={items.length === 0} emptyText="None.">
        {items.map((a) => (
          <VenueAccountRow key={a.id} a={a} />
        ))}
      </DataState>
    </Card>
  );
}

export function VenueAccountRow({ a }: { a: VenueAccount }) {
  const balance =
    a.venueId === 'paper'
      ? 'Paper: balances per profile'
      : a.balances.length === 0
        ? 'No balance'
        : a.balances.map((b) => `${b.total} ${b.asset}`).join(', ');
  return (
    <View style={styles.row} testID={`venue-account-${a.id}`}>
      <View style={styles.head}>
        <Text style={[text.body, styles.flex]}>
          {a.label} · {a.venueId === 'paper' ? 'paper' : `${a.venueId} (${a.mode})`}
        </Text>
        <Badge tone={TONE[a.status]} label={a.status} />
      </View>
      <Text style={text.muted}>{balance}</Text>
      {a.lastError ? (
        <Text style={[text.muted, { color: colors.neg }]}>
          {a.lastError.venueCode ? `${a.lastError.venueCode}: ` : ''}
          {a.lastError.message}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { paddingVertical: 6 },
  head: { flexDirection: 'row', alignItems: 'center' },
  flex: { flex: 1 },
});

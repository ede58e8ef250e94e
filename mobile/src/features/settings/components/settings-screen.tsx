import { useAuth } from '@bytelyst/react-auth';
import { PRODUCT } from '@bytelyst/trading-contracts';
import { Switch, StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../../components/screen';
import { colors, text } from '../../../components/theme';
import { Badge, Button, Card, Row } from '../../../components/ui';
import { env } from '../../../config/env';
import { useMe } from '../api/me';
import { VenueAccountsCard } from './venue-accounts-card';

const NOTIFICATION_TOPICS = ['Trading halted or paused', 'Position closed', 'Risk limit reached'];

export function SettingsScreen() {
  const auth = useAuth();
  const user = auth.user;
  const me = useMe();
  return (
    <Screen title="Settings" testID="settings">
      <Card title="Account">
        <Row label="Email" value={me.data?.email ?? user?.email ?? '—'} />
        <Row label="Name" value={me.data?.displayName ?? user?.displayName ?? '—'} />
        <Row label="Account" value={me.data?.tenantId ?? user?.tenantId ?? '—'} />
        <Row label="Role" value={me.data?.role ?? user?.role ?? '—'} />
      </Card>
      <VenueAccountsCard />
      <Card title="Notifications" testID="notifications">
        <View style={styles.head}>
          <Badge tone="muted" label="Not yet delivering" />
        </View>
        <Text style={[text.muted, styles.gap]}>
          Push notifications are not sent yet. These preferences are shown so you know what is
          coming; they cannot be turned on in this version.
        </Text>
        {NOTIFICATION_TOPICS.map((t) => (
          <View key={t} style={styles.toggle}>
            <Text style={text.body}>{t}</Text>
            <Switch value={false} disabled accessibilityLabel={`${t} (not yet available)`} />
          </View>
        ))}
      </Card>
      <Card title="About">
        <Row label="App" value={`${PRODUCT.displayName} ${PRODUCT.version}`} />
        <Row label="Trading API" value={env.tradingApiUrl} />
        <Row label="Platform" value={env.platformUrl} />
      </Card>
      <Button
        tone="danger"
        label="Sign out"
        onPress={() => void auth.signOut()}
        testID="sign-out"
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  head: { flexDirection: 'row' },
  gap: { marginVertical: 8 },
  toggle: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'center',
    paddingVertical: 6,
    borderTopColor: colors.border,
    borderTopWidth: 1,
  },
});

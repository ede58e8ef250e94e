import { useAuth } from '@bytelyst/react-auth';
import { PRODUCT } from '@bytelyst/trading-contracts';

import { Screen } from '../../../components/screen';
import { Button, Card, Row } from '../../../components/ui';
import { env } from '../../../config/env';
import { useMe } from '../api/me';
import { NotificationsCard } from './notifications-card';
import { VenueAccountsCard } from './venue-accounts-card';

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
      <NotificationsCard />
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

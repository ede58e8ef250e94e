import { useQueryClient } from '@tanstack/react-query';
import { Tabs } from 'expo-router';
import { Text, type ColorValue } from 'react-native';
import { colors } from '../../components/theme';
import { env } from '../../config/env';
import { useRealtimeBridge } from '../../lib/realtime-bridge';
import { useAlertCounts } from '../alerts/api/alerts';
import { usePushAutoRegister } from '../../api/push-device';
import { platformClient } from '../../platform/platform';

const glyph = (g: string) =>
  function TabIcon({ color }: { color: ColorValue }) {
    return <Text style={{ color, fontSize: 18 }}>{g}</Text>;
  };

const renewSession = () => platformClient.refresh();

/** The signed-in shell: the `/trading` socket for the whole session and the seven tabs. */
export function AppTabs() {
  const client = useQueryClient();
  useRealtimeBridge({
    client,
    url: env.tradingApiUrl,
    getToken: platformClient.getAccessToken,
    enabled: true,
    renewSession,
  });
  // Re-register this device's push token if the user already allowed notifications.
  usePushAutoRegister();
  const openAlerts = useAlertCounts().data?.open ?? 0;
  return (
    <Tabs
      screenOptions={{
        headerShown: false,
        tabBarActiveTintColor: colors.accent,
        tabBarInactiveTintColor: colors.muted,
        tabBarStyle: { backgroundColor: colors.card, borderTopColor: colors.border },
      }}
    >
      <Tabs.Screen name="index" options={{ title: 'Home', tabBarIcon: glyph('◎') }} />
      <Tabs.Screen name="positions" options={{ title: 'Positions', tabBarIcon: glyph('▤') }} />
      <Tabs.Screen name="history" options={{ title: 'History', tabBarIcon: glyph('↺') }} />
      <Tabs.Screen
        name="alerts"
        options={{
          title: 'Alerts',
          tabBarIcon: glyph('!'),
          ...(openAlerts > 0 ? { tabBarBadge: openAlerts } : {}),
        }}
      />
      <Tabs.Screen name="performance" options={{ title: 'Results', tabBarIcon: glyph('▲') }} />
      <Tabs.Screen name="strategies" options={{ title: 'Profiles', tabBarIcon: glyph('ƒ') }} />
      <Tabs.Screen name="settings" options={{ title: 'Settings', tabBarIcon: glyph('⚙') }} />
    </Tabs>
  );
}

import type { ReactNode } from 'react';
import { RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useSafeAreaInsets } from 'react-native-safe-area-context';
import { useConnectivity } from '../hooks/use-connectivity';
import { colors, text, toneColors } from './theme';

/** Every tab: the connectivity banner on top, then a pull-to-refresh scroll view. */
export function Screen(props: {
  title: string;
  children?: ReactNode;
  onRefresh?: () => void;
  refreshing?: boolean;
  testID?: string;
}) {
  const insets = useSafeAreaInsets();
  return (
    <View style={[styles.root, { paddingTop: insets.top }]} testID={props.testID}>
      <ConnectionBanner />
      <ScrollView
        contentContainerStyle={styles.content}
        refreshControl={
          props.onRefresh ? (
            <RefreshControl refreshing={!!props.refreshing} onRefresh={props.onRefresh} />
          ) : undefined
        }
      >
        <Text style={[text.title, styles.title]} accessibilityRole="header">
          {props.title}
        </Text>
        {props.children}
      </ScrollView>
    </View>
  );
}

export function ConnectionBanner() {
  const c = useConnectivity();
  const tone = c.level === 'offline' ? 'bad' : c.level === 'live' ? 'ok' : 'warn';
  const colorsFor = toneColors[tone];
  return (
    <View
      testID="connectivity"
      // The level is exposed for tests and screen readers alike.
      accessibilityLabel={`connectivity ${c.level}`}
      accessibilityLiveRegion="polite"
      style={[styles.banner, { backgroundColor: colorsFor.bg }, c.message ? null : styles.thin]}
    >
      <Text style={[styles.bannerText, { color: colorsFor.fg }]} testID="connectivity-level">
        {c.level === 'live' ? '● Live' : c.level === 'offline' ? '● Offline' : '● ' + c.level}
      </Text>
      {c.message ? (
        <Text style={[styles.bannerText, { color: colorsFor.fg }]} testID="connectivity-message">
          {c.message}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.bg },
  content: { padding: 16, paddingBottom: 32 },
  title: { marginBottom: 12 },
  banner: { paddingHorizontal: 16, paddingVertical: 6, gap: 2 },
  thin: { paddingVertical: 3 },
  bannerText: { fontSize: 12, fontWeight: '600' },
});

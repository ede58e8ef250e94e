import type { GateBlock } from '@bytelyst/react-auth';
import { StyleSheet, Text, View } from 'react-native';
import { formatTime } from '@bytelyst/trading-client';
import { colors, text } from './theme';

/** ProductGate's React Native fallback: the kill switch or maintenance, lifted without a reload. */
export function BlockedScreen({
  block,
  lastKnownAt,
}: {
  block: GateBlock;
  /** Set when the platform cannot be reached and this is the status it last gave (stored). */
  lastKnownAt?: string;
}) {
  const maintenance = block.reason === 'maintenance';
  return (
    <View
      style={styles.root}
      testID="product-gate-blocked"
      accessibilityRole="alert"
      accessibilityLiveRegion="assertive"
    >
      <Text style={text.title}>
        {maintenance ? 'Scheduled maintenance' : 'The product is unavailable'}
      </Text>
      <Text style={[text.body, styles.gap]}>
        {maintenance
          ? (block.message ?? 'We are carrying out maintenance.')
          : 'Access has been switched off by the operators. Open positions remain protected by the trading backend.'}
      </Text>
      {block.expectedEndAt ? (
        <Text style={[text.muted, styles.gap]}>
          Expected back: {formatTime(block.expectedEndAt)}
        </Text>
      ) : null}
      {lastKnownAt ? (
        <Text style={[text.muted, styles.gap]} testID="blocked-last-known">
          The platform cannot be reached right now. This is the last status it gave, at{' '}
          {formatTime(lastKnownAt)}.
        </Text>
      ) : null}
      <Text style={[text.muted, styles.gap]}>
        This screen updates by itself when service is restored.
      </Text>
    </View>
  );
}

export function Splash({ label }: { label: string }) {
  return (
    <View style={styles.root} testID="splash">
      <Text style={text.muted}>{label}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.bg, justifyContent: 'center', padding: 24 },
  gap: { marginTop: 12 },
});

import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';
import { isApiError } from '@bytelyst/trading-client';
import type { Tone } from '../lib/bot-state';
import { colors, text, toneColors } from './theme';

export function Card(props: { title?: string; children?: ReactNode; testID?: string }) {
  return (
    <View style={styles.card} testID={props.testID}>
      {props.title ? (
        <Text style={text.heading} accessibilityRole="header">
          {props.title}
        </Text>
      ) : null}
      {props.children}
    </View>
  );
}

export function Badge(props: { tone: Tone; label: string; testID?: string }) {
  const c = toneColors[props.tone];
  return (
    <View style={[styles.badge, { backgroundColor: c.bg }]} testID={props.testID}>
      <Text style={[styles.badgeText, { color: c.fg }]}>{props.label}</Text>
    </View>
  );
}

export function Row(props: { label: string; value: ReactNode; valueColor?: string }) {
  return (
    <View style={styles.row}>
      <Text style={text.muted}>{props.label}</Text>
      {typeof props.value === 'string' ? (
        <Text style={[text.number, props.valueColor ? { color: props.valueColor } : null]}>
          {props.value}
        </Text>
      ) : (
        props.value
      )}
    </View>
  );
}

export function Button(props: {
  label: string;
  onPress: () => void;
  tone?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  testID?: string;
}) {
  const tone = props.tone ?? 'primary';
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{ disabled: !!props.disabled }}
      disabled={props.disabled}
      onPress={props.onPress}
      testID={props.testID}
      style={[styles.button, styles[tone], props.disabled ? styles.disabled : null]}
    >
      <Text style={styles.buttonText}>{props.label}</Text>
    </Pressable>
  );
}

const subscribeOnline = (cb: () => void) => onlineManager.subscribe(cb);
const isOnline = () => onlineManager.isOnline();

export const OFFLINE_EMPTY_TEXT =
  'Offline: nothing was loaded for this screen yet. It loads by itself when the connection returns.';

/** A fetch that could not reach the backend: the network's fault, not the backend's. */
export const isOfflineError = (e: unknown): boolean =>
  isApiError(e) && e.code === 'NETWORK_UNREACHABLE';

/**
 * Loading, error and empty states in one place so every list says the same thing. Offline is
 * its own state: a screen never spins while the device has no network (React Query pauses
 * fetches then, so a first load would wait forever), and an unreachable backend reads as
 * offline, not as a fault. Cached data stays on screen either way (the banner says it is stale).
 */
export function DataState(props: {
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
  children?: ReactNode;
}) {
  const online = useSyncExternalStore(subscribeOnline, isOnline, isOnline);
  const offline = !online || isOfflineError(props.error);
  if (props.loading && offline)
    return (
      <Text style={[text.muted, styles.pad]} testID="offline-empty">
        {OFFLINE_EMPTY_TEXT}
      </Text>
    );
  if (props.loading) return <ActivityIndicator color={colors.accent} style={styles.pad} />;
  if (offline && props.empty && props.error)
    return (
      <Text style={[text.muted, styles.pad]} testID="offline-empty">
        {OFFLINE_EMPTY_TEXT}
      </Text>
    );
  if (props.error && props.empty) {
    // The request id lets support find the exact backend log line.
    const message = isApiError(props.error)
      ? `${props.error.message} (request ${props.error.requestId})`
      : props.error instanceof Error
        ? props.error.message
        : 'Could not load';
    return (
      <Text style={[text.muted, styles.pad]} accessibilityRole="alert">
        {message}
      </Text>
    );
  }
  if (props.empty) return <Text style={[text.muted, styles.pad]}>{props.emptyText}</Text>;
  return <>{props.children}</>;
}

const styles = StyleSheet.create({
  card: {
    backgroundColor: colors.card,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 12,
    padding: 14,
    marginBottom: 12,
  },
  badge: { alignSelf: 'flex-start', borderRadius: 999, paddingHorizontal: 10, paddingVertical: 4 },
  badgeText: { fontSize: 13, fontWeight: '700' },
  row: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'center',
    paddingVertical: 4,
    gap: 12,
  },
  button: { borderRadius: 10, paddingVertical: 12, paddingHorizontal: 16, alignItems: 'center' },
  primary: { backgroundColor: colors.accent },
  danger: { backgroundColor: '#b62324' },
  plain: { backgroundColor: colors.border },
  disabled: { opacity: 0.5 },
  buttonText: { color: '#fff', fontWeight: '600', fontSize: 15 },
  pad: { padding: 12 },
});

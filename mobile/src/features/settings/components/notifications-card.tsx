import {
  AlertKind,
  NotificationChannel,
  QuietHours,
  type NotificationSettings,
} from '@bytelyst/trading-contracts';
import { describeError } from '@bytelyst/trading-client';
import { useEffect, useState } from 'react';
import { Pressable, StyleSheet, Switch, Text, TextInput, View } from 'react-native';
import { usePushRegistration } from '../../../api/push-device';
import { colors, text } from '../../../components/theme';
import { Button, Card, DataState } from '../../../components/ui';
import {
  ruleFor,
  SEVERITIES,
  toggleMuted,
  withQuietHours,
  withRule,
} from '../../../lib/notification-draft';
import { pushUnavailableReason } from '../../../platform/push';
import { useNotificationSettings, usePutNotificationSettings } from '../api/notifications';

const CHANNEL_LABEL: Record<NotificationChannel, string> = {
  email: 'E-mail',
  webhook: 'Webhooks',
  push: 'Push (this app)',
};
const phoneZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The user's notification rules, the same as the web alert centre's settings panel: each
 * channel on or off with its minimum severity, muted kinds, quiet hours (critical may still go
 * out). Webhook endpoints and the e-mail address are managed on the web.
 */
export function NotificationsCard() {
  const q = useNotificationSettings();
  return (
    <Card title="Notifications" testID="notifications">
      <PushDevice />
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={!q.data}
        emptyText="No notification settings."
      >
        {q.data ? <SettingsForm stored={q.data} /> : null}
      </DataState>
    </Card>
  );
}

function PushDevice() {
  const reg = usePushRegistration();
  const result = reg.data;
  const line = pushUnavailableReason
    ? pushUnavailableReason
    : reg.error
      ? describeError(reg.error)
      : result?.kind === 'token'
        ? 'This device receives push alerts.'
        : result
          ? result.reason
          : 'Push alerts reach this device once you allow notifications.';
  return (
    <View style={styles.block}>
      <Text style={text.muted} testID="push-status">
        {line}
      </Text>
      {pushUnavailableReason || result?.kind === 'token' ? null : (
        <Button
          tone="plain"
          label={reg.isPending ? 'Asking…' : 'Allow push on this device'}
          disabled={reg.isPending}
          onPress={() => reg.mutate(true)}
          testID="push-enable"
        />
      )}
    </View>
  );
}

function Chip(props: { label: string; on: boolean; onPress: () => void; testID?: string }) {
  return (
    <Pressable
      accessibilityRole="checkbox"
      accessibilityState={{ checked: props.on }}
      onPress={props.onPress}
      testID={props.testID}
      style={[styles.chip, props.on ? styles.chipOn : null]}
    >
      <Text style={[styles.chipText, props.on ? styles.chipTextOn : null]}>{props.label}</Text>
    </Pressable>
  );
}

function SettingsForm({ stored }: { stored: NotificationSettings }) {
  const put = usePutNotificationSettings();
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(stored);
  const quiet = draft.quietHours;
  const quietOk = !quiet || QuietHours.safeParse(quiet).success;
  return (
    <View>
      <Text style={[text.heading, styles.section]}>Channels</Text>
      {NotificationChannel.options.map((c) => {
        const rule = ruleFor(draft, c);
        return (
          <View key={c} style={styles.rule} testID={`channel-${c}`}>
            <View style={styles.line}>
              <Text style={[text.body, styles.flex]}>{CHANNEL_LABEL[c]}</Text>
              <Switch
                value={rule.enabled}
                onValueChange={(v) => setDraft(withRule(draft, c, { enabled: v }))}
                accessibilityLabel={`${CHANNEL_LABEL[c]} on`}
                testID={`channel-${c}-on`}
              />
            </View>
            <View style={styles.chips}>
              <Text style={text.muted}>From</Text>
              {SEVERITIES.map((s) => (
                <Chip
                  key={s}
                  label={s}
                  on={rule.minSeverity === s}
                  onPress={() => setDraft(withRule(draft, c, { minSeverity: s }))}
                  testID={`channel-${c}-${s}`}
                />
              ))}
            </View>
          </View>
        );
      })}
      <Text style={[text.heading, styles.section]}>Muted kinds</Text>
      <View style={styles.chips}>
        {AlertKind.options.map((k) => (
          <Chip
            key={k}
            label={k.replace('_', ' ')}
            on={draft.mutedKinds.includes(k)}
            onPress={() => setDraft(toggleMuted(draft, k))}
            testID={`mute-${k}`}
          />
        ))}
      </View>
      <View style={[styles.line, styles.section]}>
        <Text style={[text.heading, styles.flex]}>Quiet hours</Text>
        <Switch
          value={!!quiet}
          onValueChange={(v) => setDraft(withQuietHours(draft, v, phoneZone()))}
          accessibilityLabel="Quiet hours on"
          testID="quiet-on"
        />
      </View>
      {quiet ? (
        <View style={styles.block}>
          <View style={styles.line}>
            <TextInput
              value={quiet.start}
              onChangeText={(start) => setDraft({ ...draft, quietHours: { ...quiet, start } })}
              accessibilityLabel="Quiet from (HH:MM)"
              style={styles.input}
              maxLength={5}
            />
            <Text style={text.muted}>to</Text>
            <TextInput
              value={quiet.end}
              onChangeText={(end) => setDraft({ ...draft, quietHours: { ...quiet, end } })}
              accessibilityLabel="Quiet until (HH:MM)"
              style={styles.input}
              maxLength={5}
            />
            <Text style={text.muted}>{quiet.timeZone}</Text>
          </View>
          <View style={styles.line}>
            <Text style={[text.body, styles.flex]}>Critical alerts still come through</Text>
            <Switch
              value={quiet.allowCritical}
              onValueChange={(allowCritical) =>
                setDraft({ ...draft, quietHours: { ...quiet, allowCritical } })
              }
              accessibilityLabel="Critical alerts during quiet hours"
            />
          </View>
          {quietOk ? null : <Text style={styles.error}>Times are HH:MM, 24 h.</Text>}
        </View>
      ) : null}
      {put.error ? (
        <Text style={styles.error} accessibilityRole="alert">
          {describeError(put.error)}
        </Text>
      ) : null}
      {put.isSuccess && !dirty ? (
        <Text style={text.muted} testID="notifications-saved">
          Saved.
        </Text>
      ) : null}
      <Button
        label={put.isPending ? 'Saving…' : 'Save notification settings'}
        disabled={!dirty || !quietOk || put.isPending}
        onPress={() => put.mutate(draft)}
        testID="notifications-save"
      />
    </View>
  );
}

const styles = StyleSheet.create({
  block: { gap: 6, marginBottom: 8 },
  section: { marginTop: 12, marginBottom: 6 },
  rule: { borderTopColor: colors.border, borderTopWidth: 1, paddingVertical: 6, gap: 4 },
  line: { flexDirection: 'row', alignItems: 'center', gap: 8 },
  flex: { flex: 1 },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: 6, alignItems: 'center' },
  chip: {
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 999,
    paddingHorizontal: 10,
    paddingVertical: 4,
  },
  chipOn: { backgroundColor: colors.accent, borderColor: colors.accent },
  chipText: { color: colors.muted, fontSize: 13 },
  chipTextOn: { color: '#fff', fontWeight: '600' },
  input: {
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 8,
    color: colors.text,
    paddingHorizontal: 8,
    paddingVertical: 4,
    width: 64,
  },
  error: { color: colors.neg },
});

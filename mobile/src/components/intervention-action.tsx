import { newRequestId } from '@bytelyst/platform-sdk';
import { describeError } from '@bytelyst/trading-client';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { colors, text } from './theme';
import { Button } from './ui';
import { biometricCheck, biometricNotice } from '../platform/biometric';

type Phase =
  | { at: 'idle' }
  | { at: 'confirming'; note: string | null }
  | { at: 'checking' }
  | { at: 'sending' }
  | { at: 'done' };

/**
 * One approved intervention: a button, then a confirmation that says what will happen, then the
 * phone's biometric check (skipped with the reason where there is none), then the request with
 * one Idempotency-Key per confirmation, so a retry after a lost answer cannot act twice. Shown
 * only where the tenant's mobile policy allows the action; the backend checks it again.
 */
export function InterventionAction(props: {
  label: string;
  confirmText: string;
  confirmLabel: string;
  doneText: string;
  tone?: 'primary' | 'danger' | 'plain';
  testID: string;
  run: (idempotencyKey: string) => Promise<unknown>;
}) {
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [key, setKey] = useState(newRequestId);
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setPhase({ at: 'idle' });
    setError(null);
    setKey(newRequestId());
  };
  const confirm = async () => {
    setError(null);
    setPhase({ at: 'checking' });
    const bio = await biometricCheck(props.confirmText);
    if (bio.kind === 'failed') {
      setError(bio.reason);
      setPhase({ at: 'confirming', note: null });
      return;
    }
    setPhase({ at: 'sending' });
    try {
      await props.run(key);
      setPhase({ at: 'done' });
    } catch (e) {
      // Same key on a retry: if the first request did act, the backend replays its answer.
      setError(describeError(e));
      setPhase({ at: 'confirming', note: bio.kind === 'skipped' ? bio.reason : null });
    }
  };

  if (phase.at === 'done')
    return (
      <Text style={text.muted} testID={`${props.testID}-done`}>
        {props.doneText}
      </Text>
    );
  if (phase.at === 'idle')
    return (
      <View style={styles.actions}>
        <Button
          tone="plain"
          label={props.label}
          onPress={() => setPhase({ at: 'confirming', note: biometricNotice })}
          testID={props.testID}
        />
      </View>
    );
  const busy = phase.at === 'checking' || phase.at === 'sending';
  const note = phase.at === 'confirming' ? phase.note : null;
  return (
    <View style={styles.confirm} testID={`${props.testID}-confirm`}>
      <Text style={text.body}>{props.confirmText}</Text>
      {note ? (
        <Text style={text.muted} testID="biometric-note">
          {note}
        </Text>
      ) : null}
      {error ? (
        <Text style={styles.error} accessibilityRole="alert">
          {error}
        </Text>
      ) : null}
      <View style={styles.actions}>
        <Button tone="plain" label="Cancel" onPress={reset} disabled={busy} />
        <Button
          tone={props.tone ?? 'danger'}
          label={
            phase.at === 'checking'
              ? 'Checking…'
              : phase.at === 'sending'
                ? 'Sending…'
                : props.confirmLabel
          }
          disabled={busy}
          onPress={() => void confirm()}
          testID={`${props.testID}-yes`}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  actions: { flexDirection: 'row', gap: 8, marginTop: 6, flexWrap: 'wrap' },
  confirm: { marginTop: 6, gap: 6 },
  error: { color: colors.neg },
});

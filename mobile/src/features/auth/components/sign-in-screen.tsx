import { useAuth } from '@bytelyst/react-auth';
import { PRODUCT } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { KeyboardAvoidingView, Platform, StyleSheet, Text, TextInput, View } from 'react-native';
import { colors, text } from '../../../components/theme';
import { Button } from '../../../components/ui';
import { signInMessage } from '../sign-in-message';

/** Platform credentials, the same as on the web; the session is kept in secure storage. */
export function SignInScreen() {
  const auth = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    setBusy(true);
    setError(null);
    auth.signIn({ email: email.trim(), password }).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(signInMessage(e));
      },
    );
  };

  return (
    <KeyboardAvoidingView
      style={styles.root}
      behavior={Platform.OS === 'ios' ? 'padding' : undefined}
    >
      <View style={styles.form}>
        <Text style={text.title}>{PRODUCT.displayName}</Text>
        <Text style={[text.muted, styles.gap]}>Sign in with your platform account.</Text>
        <TextInput
          accessibilityLabel="Email"
          placeholder="Email"
          placeholderTextColor={colors.muted}
          autoCapitalize="none"
          autoComplete="email"
          keyboardType="email-address"
          value={email}
          onChangeText={setEmail}
          style={styles.input}
        />
        <TextInput
          accessibilityLabel="Password"
          placeholder="Password"
          placeholderTextColor={colors.muted}
          secureTextEntry
          autoComplete="password"
          value={password}
          onChangeText={setPassword}
          onSubmitEditing={submit}
          style={styles.input}
        />
        {error ? (
          <Text style={styles.error} accessibilityRole="alert" testID="sign-in-error">
            {error}
          </Text>
        ) : null}
        {auth.degraded && !error ? (
          <Text style={text.muted}>The platform service is not answering; retrying.</Text>
        ) : null}
        <Button
          label={busy ? 'Signing in…' : 'Sign in'}
          onPress={submit}
          disabled={busy || !email || !password}
        />
      </View>
    </KeyboardAvoidingView>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.bg, justifyContent: 'center' },
  form: { padding: 24, gap: 12 },
  gap: { marginBottom: 8 },
  input: {
    backgroundColor: colors.card,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 10,
    color: colors.text,
    paddingHorizontal: 14,
    paddingVertical: 12,
    fontSize: 16,
  },
  error: { color: colors.neg },
});

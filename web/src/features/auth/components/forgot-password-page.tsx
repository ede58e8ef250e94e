import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { href } from '../../../lib/router';
import { displayError } from '../utils/display-error';
import { AuthCard } from './auth-card';

export const RESET_SENT_MESSAGE =
  'If an account exists for that email, a reset link is on its way.';

/**
 * Asks the platform to mail a reset link. The answer is the same whether or not the address
 * has an account, so the confirmation is too: the screen must not become an account oracle.
 */
export function ForgotPasswordPage(props: { requestReset: (email: string) => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!address) return;
    setBusy(true);
    setError(null);
    try {
      await props.requestReset(address);
      setSentTo(address);
    } catch (err) {
      setError(displayError(err));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo !== null) {
    return (
      <AuthCard testId="reset-requested">
        <h1>Check your email</h1>
        <div className="notice notice-ok" role="status">
          <span>{RESET_SENT_MESSAGE}</span>
          <span className="notice-meta">
            Sent for <strong>{sentTo}</strong>. The link works once, within 30 minutes.
          </span>
        </div>
        <p className="muted small">
          Nothing arrived? Check the spam folder, or{' '}
          <button type="button" className="link-button" onClick={() => setSentTo(null)}>
            ask again
          </button>
          .
        </p>
        <a className="btn btn-block" href={href('/')}>
          Back to sign-in
        </a>
      </AuthCard>
    );
  }

  return (
    <AuthCard testId="forgot-password" onSubmit={(e) => void submit(e)}>
      <h1>Reset your password</h1>
      <p className="muted">Enter the email you sign in with and we will mail you a reset link.</p>
      <label>
        Email
        <input
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          name="email"
          autoFocus
        />
      </label>
      {error !== null && <ErrorNotice error={error} title="Could not request a reset link" />}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !email.trim()}>
        {busy ? 'Sending…' : 'Send reset link'}
      </button>
      <a className="muted small" href={href('/')}>
        ← Back to sign-in
      </a>
    </AuthCard>
  );
}

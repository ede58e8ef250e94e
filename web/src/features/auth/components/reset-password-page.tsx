import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { href } from '../../../lib/router';
import { FORGOT_PATH } from '../utils/auth-route';
import { displayError } from '../utils/display-error';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../utils/new-password';
import { AuthCard } from './auth-card';

const isRefusedLink = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'TOKEN_INVALID' || error.code === 'VALIDATION_FAILED');

/** The screen the mailed link opens: choose a new password for the account behind the token. */
export function ResetPasswordPage(props: {
  token: string | null;
  confirmReset: (input: { token: string; newPassword: string }) => Promise<void>;
  onDone: () => void;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const token = props.token;

  if (!token) {
    return (
      <AuthCard testId="reset-password">
        <h1>Choose a new password</h1>
        <div className="notice notice-error" role="alert">
          <strong>This reset link is incomplete</strong>
          <span>Open the link from the email again, or request a new one.</span>
        </div>
        <a className="btn btn-primary btn-block" href={href(FORGOT_PATH)}>
          Request a new link
        </a>
      </AuthCard>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = newPasswordProblem({ password, confirm });
    setProblem(found);
    setError(null);
    if (found) return;
    setBusy(true);
    try {
      await props.confirmReset({ token, newPassword: password });
      props.onDone();
    } catch (err) {
      setError(displayError(err));
      setBusy(false);
    }
  };

  return (
    <AuthCard testId="reset-password" onSubmit={(e) => void submit(e)}>
      <h1>Choose a new password</h1>
      <p className="muted">
        At least {MIN_PASSWORD_LENGTH} characters. Every signed-in session of the account ends when
        it changes.
      </p>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="new-password"
          autoFocus
        />
      </label>
      <label>
        Confirm new password
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          name="confirm-password"
        />
      </label>
      {problem !== null && (
        <div className="notice notice-warn" role="alert" data-testid="password-problem">
          <span>{problem}</span>
        </div>
      )}
      {error !== null && (
        <>
          <ErrorNotice
            error={error}
            title={
              isRefusedLink(error)
                ? 'This reset link was already used or has expired'
                : 'Could not change the password'
            }
          />
          {isRefusedLink(error) && (
            <a href={href(FORGOT_PATH)} data-testid="request-new-link">
              Request a new reset link
            </a>
          )}
        </>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
      <a className="muted small" href={href('/')}>
        ← Back to sign-in
      </a>
    </AuthCard>
  );
}

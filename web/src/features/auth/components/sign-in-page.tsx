import { PRODUCT } from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { href } from '../../../lib/router';
import { FORGOT_PATH } from '../utils/auth-route';
import { displayError } from '../utils/display-error';

export function SignInPage(props: {
  signIn: (email: string, password: string) => Promise<void>;
  /** Shown above the form, e.g. after a password reset. */
  notice?: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.signIn(email.trim(), password);
    } catch (err) {
      setError(displayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={(e) => void submit(e)} data-testid="sign-in">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {PRODUCT.displayName}
        </div>
        <p className="muted">{PRODUCT.description}</p>
        {props.notice && (
          <div className="notice notice-ok" role="status" data-testid="sign-in-notice">
            <span>{props.notice}</span>
          </div>
        )}
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            name="email"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            name="password"
          />
        </label>
        <a href={href(FORGOT_PATH)} className="small auth-aside">
          Forgot password?
        </a>
        {error !== null && <ErrorNotice error={error} title="Sign-in failed" />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          Signed in through the ByteLyst platform. Sessions renew automatically.
        </p>
      </form>
    </main>
  );
}

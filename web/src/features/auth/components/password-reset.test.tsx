import { createPlatformClient, memorySessionStore } from '@bytelyst/platform-sdk';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForgotPasswordPage, RESET_SENT_MESSAGE } from './forgot-password-page';
import { ResetPasswordPage } from './reset-password-page';

afterEach(cleanup);

const TOKEN = 'tok_'.padEnd(43, 'x');

/**
 * The real SDK client against a stand-in for the platform's two reset routes, answering as the
 * service does: 202 for every request, 204 once per token, then 401 TOKEN_INVALID.
 */
function platform() {
  const calls: { path: string; body: Record<string, string> }[] = [];
  const used = new Set<string>();
  const client = createPlatformClient({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore(),
    fetch: (url, init) => {
      const path = new URL(url).pathname;
      const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<
        string,
        string
      >;
      calls.push({ path, body });
      if (path === '/auth/password-reset/request') {
        return Promise.resolve(Response.json({ accepted: true }, { status: 202 }));
      }
      const token = body.token ?? '';
      if (used.has(token)) {
        return Promise.resolve(
          Response.json(
            {
              error: {
                code: 'TOKEN_INVALID',
                message: 'The reset link is invalid or has expired.',
                requestId: 'req-reset-7',
              },
            },
            { status: 401, headers: { 'x-request-id': 'req-reset-7' } },
          ),
        );
      }
      used.add(token);
      return Promise.resolve(new Response(null, { status: 204 }));
    },
  });
  return { client, calls };
}

const fill = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('forgot password', () => {
  it('answers with the same neutral message for a known and an unknown address', async () => {
    const { client, calls } = platform();
    const seen: string[] = [];
    for (const email of ['alice@acme.demo.test', 'nobody@nowhere.test']) {
      render(<ForgotPasswordPage requestReset={(e) => client.requestPasswordReset(e)} />);
      fill('Email', `  ${email} `);
      fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
      const status = await screen.findByRole('status');
      expect(status.textContent).toContain(RESET_SENT_MESSAGE);
      seen.push((status.textContent ?? '').replace(email, '<email>'));
      cleanup();
    }
    expect(seen[0]).toBe(seen[1]);
    expect(calls.map((c) => c.body.email)).toEqual(['alice@acme.demo.test', 'nobody@nowhere.test']);
  });
});

describe('reset password', () => {
  it('refuses a short or mismatched password before asking the platform', () => {
    const { client, calls } = platform();
    const onDone = vi.fn();
    render(
      <ResetPasswordPage
        token={TOKEN}
        confirmReset={(i) => client.confirmPasswordReset(i)}
        onDone={onDone}
      />,
    );
    fill('New password', 'short');
    fill('Confirm new password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByTestId('password-problem').textContent).toContain('at least 10 characters');

    fill('New password', 'long-enough-password');
    fill('Confirm new password', 'long-enough-passw0rd');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByTestId('password-problem').textContent).toContain('do not match');
    expect(calls).toHaveLength(0);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sets the password once; a reused link shows the code and request id', async () => {
    const { client, calls } = platform();
    const onDone = vi.fn();
    const page = (
      <ResetPasswordPage
        token={TOKEN}
        confirmReset={(i) => client.confirmPasswordReset(i)}
        onDone={onDone}
      />
    );
    const submit = () => {
      fill('New password', 'a-new-password-1');
      fill('Confirm new password', 'a-new-password-1');
      fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    };
    render(page);
    submit();
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls[0]?.body).toEqual({ token: TOKEN, newPassword: 'a-new-password-1' });
    cleanup();

    render(page);
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already used or has expired');
    expect(alert.textContent).toContain('TOKEN_INVALID');
    expect(screen.getByTestId('request-id').textContent).toBe('req-reset-7');
    expect(screen.getByTestId('request-new-link').getAttribute('href')).toBe('#/forgot-password');
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('says so when the link carries no token', () => {
    const { client } = platform();
    render(
      <ResetPasswordPage
        token={null}
        confirmReset={(i) => client.confirmPasswordReset(i)}
        onDone={() => undefined}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('incomplete');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

import { createPlatformClient, memorySessionStore } from '@bytelyst/platform-sdk';
import { AuthProvider } from '@bytelyst/react-auth';
import type { Role } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PeoplePanel } from './people-panel';

afterEach(cleanup);

const AT = '2026-12-07T05:00:00.000Z';
const user = (id: string, disabled = false) => ({
  id,
  tenantId: 'acme',
  email: `${id}@acme.demo.test`,
  displayName: null,
  role: 'user' as const,
  disabled,
  createdAt: AT,
});

/**
 * The real SDK client, signed in as `role`, against a stand-in for the platform's admin routes
 * that records every request; `refuse` makes the PUT answer 403 with the platform's envelope.
 */
function platform(role: Role, refuse = false) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const client = createPlatformClient({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore({
      accessToken: 'access',
      refreshToken: 'refresh',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id: 'u-admin',
        tenantId: 'acme',
        email: 'admin@acme.demo.test',
        displayName: null,
        role,
      },
    }),
    fetch: (url, init = {}) => {
      const path = new URL(url).pathname;
      const method = init.method ?? 'GET';
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path, body });
      if (method === 'PUT' && refuse)
        return Promise.resolve(
          Response.json(
            { error: { code: 'FORBIDDEN', message: 'Not your tenant.', requestId: 'req-p-9' } },
            { status: 403 },
          ),
        );
      if (path === '/admin/tenants')
        return Promise.resolve(
          Response.json({ items: [{ id: 'acme', name: 'Acme', disabled: false, createdAt: AT }] }),
        );
      if (path === '/admin/users')
        return Promise.resolve(Response.json({ items: [user('u-admin'), user('u-bob')] }));
      if (path === '/admin/users/u-bob/disabled')
        return Promise.resolve(Response.json(user('u-bob', true)));
      return Promise.resolve(
        Response.json(
          { error: { code: 'NOT_FOUND', message: 'no', requestId: 'r' } },
          { status: 404 },
        ),
      );
    },
  });
  return { client, calls };
}

function renderPanel(role: Role, refuse = false) {
  const p = platform(role, refuse);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <AuthProvider client={p.client}>
        <PeoplePanel role={role} selfId="u-admin" />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return p;
}

const puts = (calls: { method: string }[]) => calls.filter((c) => c.method === 'PUT');

describe('People', () => {
  it('needs a reason and a confirmation, then sends the reason with the change', async () => {
    const { calls } = renderPanel('tenant_admin');
    // Tenant admins see their tenant's users, no tenants, and no button against themselves.
    const users = await screen.findByTestId('users-table');
    expect(screen.queryByTestId('tenants-table')).toBeNull();
    expect(within(users).queryByRole('button', { name: /admin@acme/ })).toBeNull();
    fireEvent.click(within(users).getByRole('button', { name: 'Disable u-bob@acme.demo.test' }));

    const submit = screen.getByRole('button', { name: 'Disable…' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: '   ' } });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('people-form'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(puts(calls)).toEqual([]);

    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: ' left the firm ' } });
    fireEvent.click(submit);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('left the firm');
    expect(puts(calls)).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));

    await screen.findByTestId('people-ok');
    expect(puts(calls)).toEqual([
      {
        method: 'PUT',
        path: '/admin/users/u-bob/disabled',
        body: { disabled: true, reason: 'left the firm' },
      },
    ]);
  });

  it('shows operators the tenants, and a refusal with its code and request id', async () => {
    const { calls } = renderPanel('operator', true);
    const tenants = await screen.findByTestId('tenants-table');
    fireEvent.click(within(tenants).getByRole('button', { name: 'Disable tenant acme' }));
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'fraud INC-9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Disable…' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disable' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('FORBIDDEN');
    expect(within(alert).getByTestId('request-id').textContent).toBe('req-p-9');
    await waitFor(() =>
      expect(puts(calls)).toEqual([
        {
          method: 'PUT',
          path: '/admin/tenants/acme/disabled',
          body: { disabled: true, reason: 'fraud INC-9' },
        },
      ]),
    );
  });
});

import { createPlatformClient, memorySessionStore } from '@bytelyst/platform-sdk';
import { AuthProvider } from '@bytelyst/react-auth';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProductPanel } from './product-panel';

afterEach(cleanup);

const AT = '2026-12-07T05:00:00.000Z';
const HASH = 'a'.repeat(64);
const status = (enabled: boolean, version: number, maintenance = false) => ({
  productId: 'bytelyst-trading',
  enabled,
  maintenance: maintenance
    ? { active: true, message: 'Upgrading', expectedEndAt: '2026-12-07T07:00:00.000Z' }
    : { active: false, message: null, expectedEndAt: null },
  version,
  updatedAt: AT,
});
const row = {
  id: 'aud-1',
  seq: 7,
  at: AT,
  actor: { type: 'operator', id: 'u-op', tenantId: null },
  tenantId: null,
  action: 'product.status_set',
  target: 'product:bytelyst-trading',
  before: status(true, 1),
  after: status(true, 2, true),
  reason: 'planned upgrade',
  requestId: 'req-hist-1',
  prevHash: HASH,
  hash: HASH,
};

/** The real SDK client signed in as an operator, against a stand-in for the platform. */
function renderPanel() {
  const calls: { method: string; path: string; search: string; body: unknown }[] = [];
  const client = createPlatformClient({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore({
      accessToken: 'access',
      refreshToken: 'refresh',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id: 'u-op',
        tenantId: 'ops',
        email: 'op@ops.test',
        displayName: null,
        role: 'operator',
      },
    }),
    fetch: (url, init = {}) => {
      const u = new URL(url);
      const method = init.method ?? 'GET';
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: u.pathname, search: u.search, body });
      if (u.pathname === '/admin/audit') return Promise.resolve(Response.json({ items: [row] }));
      if (u.pathname === '/products/bytelyst-trading/status' && method === 'PUT')
        return Promise.resolve(Response.json(status(false, 3, true)));
      return Promise.resolve(
        Response.json(
          { error: { code: 'NOT_FOUND', message: 'no', requestId: 'r' } },
          { status: 404 },
        ),
      );
    },
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <AuthProvider client={client}>
        <ProductPanel />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return calls;
}

const puts = (calls: { method: string }[]) => calls.filter((c) => c.method === 'PUT');

describe('Product', () => {
  it('shows the history of status changes from the platform audit', async () => {
    const calls = renderPanel();
    const history = await screen.findByTestId('product-history');
    expect(history.textContent).toContain('planned upgrade');
    expect(history.textContent).toContain('req-hist-1');
    expect(history.textContent).toContain('maintenance “Upgrading”');
    expect(calls[0]).toMatchObject({
      path: '/admin/audit',
      search: '?action=product.status_set&limit=50',
    });
    // Untouched, the form shows the last known status (here: from the history).
    expect(screen.getByLabelText<HTMLInputElement>('Maintenance').checked).toBe(true);
  });

  it('needs a reason and a confirmation, then sends the kill switch with the reason', async () => {
    const calls = renderPanel();
    await screen.findByTestId('product-history');
    fireEvent.change(screen.getByLabelText('Product'), { target: { value: 'off' } });
    const apply = screen.getByRole('button', { name: 'Apply…' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('product-form'));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: ' exchange outage ' } });
    fireEvent.click(apply);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('exchange outage');
    expect(puts(calls)).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));

    expect((await screen.findByTestId('product-ok')).textContent).toContain('DISABLED');
    expect(puts(calls)).toEqual([
      {
        method: 'PUT',
        path: '/products/bytelyst-trading/status',
        search: '',
        body: {
          enabled: false,
          maintenance: {
            active: true,
            message: 'Upgrading',
            expectedEndAt: '2026-12-07T07:00:00.000Z',
          },
          reason: 'exchange outage',
        },
      },
    ]);
  });
});

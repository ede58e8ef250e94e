import type { Alert } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../../lib/api';
import { AlertsPage } from './alerts-page';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a-1',
  tenantId: 'acme',
  profileId: null,
  severity: 'critical',
  kind: 'mismatch',
  code: 'POSITION_MISMATCH',
  message: 'BTC-USD differs from the venue',
  state: 'open',
  acknowledged: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: '2026-12-07T12:00:00.000Z',
  ...over,
});

/** A backend holding two alerts; acknowledging and resolving change them as the server would. */
function serve() {
  const rows = [alert({}), alert({ id: 'a-2', severity: 'info', code: 'ORDER_NOT_PLACED' })];
  const calls: string[] = [];
  const saved: unknown[] = [];
  let settings: unknown = {
    email: null,
    rules: [],
    mutedKinds: [],
    quietHours: null,
    digest: { enabled: false, maxSeverity: 'info', intervalMinutes: 60 },
  };
  const json = (body: unknown) =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
      }),
    );
  configureApi({
    baseUrl: 'http://backend.test',
    fetch: (url, init) => {
      const u = new URL(url);
      calls.push(`${init?.method ?? 'GET'} ${u.pathname}${u.search}`);
      const change = /^\/api\/alerts\/([^/]+)\/(ack|resolve)$/.exec(u.pathname);
      if (change) {
        const row = rows.find((r) => r.id === change[1]);
        if (!row) return json({});
        row.acknowledged = true;
        row.state = change[2] === 'ack' ? 'acknowledged' : 'resolved';
        row.acknowledgedBy = 'u-alice';
        return json(row);
      }
      if (u.pathname === '/api/me/notifications') {
        if (init?.method === 'PUT') {
          settings = JSON.parse(typeof init.body === 'string' ? init.body : '{}');
          saved.push(settings);
        }
        return json(settings);
      }
      if (u.pathname === '/api/alerts/counts') {
        const open = rows.filter((r) => r.state === 'open');
        const n = (s: string) => open.filter((r) => r.severity === s).length;
        return json({
          open: open.length,
          bySeverity: { info: n('info'), warning: n('warning'), critical: n('critical') },
        });
      }
      const state = u.searchParams.get('state');
      return json({ items: rows.filter((r) => !state || r.state === state), nextCursor: null });
    },
  });
  return { calls, saved };
}

afterEach(cleanup);

describe('AlertsPage', () => {
  it('shows open counts, acknowledges an alert and moves it out of the open list', async () => {
    const { calls } = serve();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <AlertsPage />
      </QueryClientProvider>,
    );
    const counts = await screen.findByTestId('alert-counts');
    await within(counts).findByText('2 open');
    within(counts).getByText('1 critical');
    const list = await screen.findByTestId('alerts');
    const first = within(list).getByText('POSITION_MISMATCH').closest('li');
    if (!first) throw new Error('no row');
    fireEvent.click(within(first).getByRole('button', { name: 'Acknowledge' }));
    await within(counts).findByText('1 open');
    expect(within(screen.getByTestId('alerts')).queryByText('POSITION_MISMATCH')).toBeNull();
    expect(calls).toContain('POST /api/alerts/a-1/ack');

    fireEvent.click(screen.getByRole('button', { name: 'Acknowledged' }));
    const seen = await screen.findByText(/seen by u-alice/);
    const row = seen.closest('li');
    if (!row) throw new Error('no row');
    expect(within(row).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: 'Resolve' }));
    await screen.findByText('No alerts. All quiet.');
    expect(calls).toContain('POST /api/alerts/a-1/resolve');
  });
});

describe('NotificationSettingsPanel', () => {
  it('saves channel rules, an address and muted kinds for the signed-in user', async () => {
    const { saved } = serve();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <AlertsPage />
      </QueryClientProvider>,
    );
    const form = await screen.findByTestId('notification-settings');
    fireEvent.change(within(form).getByLabelText('E-mail address'), {
      target: { value: 'ops@example.com' },
    });
    fireEvent.click(within(form).getByLabelText('E-mail'));
    fireEvent.change(within(form).getByLabelText('E-mail minimum severity'), {
      target: { value: 'critical' },
    });
    fireEvent.click(within(form).getByLabelText('fill'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await within(form).findByRole('button', { name: 'Saved' });
    expect(saved).toEqual([
      expect.objectContaining({
        email: 'ops@example.com',
        rules: [{ channel: 'email', enabled: true, kinds: [], minSeverity: 'critical' }],
        mutedKinds: ['fill'],
      }),
    ]);
  });
});

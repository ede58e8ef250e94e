import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../../lib/api';
import { MobilePolicyPanel } from './mobile-policy-panel';

afterEach(cleanup);

let calls: { method: string; path: string; body: unknown }[];
let stored: { allowed: string[]; updatedAt: string | null; updatedBy: string | null };

/** The real API client against a stand-in for the two policy routes that records each call. */
beforeEach(() => {
  calls = [];
  stored = { allowed: ['alert.acknowledge'], updatedAt: null, updatedBy: null };
  configureApi({
    baseUrl: 'http://api.test',
    fetch: (url, init) => {
      const path = new URL(url).pathname;
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method: init.method ?? 'GET', path, body });
      if (init.method === 'PUT') {
        stored = {
          allowed: (body as { allowed: string[] }).allowed,
          updatedAt: '2026-12-07T17:30:00.000Z',
          updatedBy: 'u-acme-admin',
        };
      }
      return Promise.resolve(Response.json(stored));
    },
  });
});

const renderPanel = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MobilePolicyPanel />
    </QueryClientProvider>,
  );

describe('Admin -> Mobile interventions', () => {
  it('shows the default, and saves a new set with a reason after a confirmation', async () => {
    renderPanel();
    const pause = await screen.findByLabelText<HTMLInputElement>(/Pause own profiles/);
    expect(screen.getByLabelText<HTMLInputElement>(/Acknowledge alerts/).checked).toBe(true);
    expect(pause.checked).toBe(false);
    expect(screen.getByTestId('mobile-policy-updated').textContent).toContain('Default policy');
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save…' });
    fireEvent.click(pause);
    // No reason yet: nothing can be sent.
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'on-call phones' } });
    fireEvent.click(save);
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(dialog.textContent).toContain('Pause own profiles, Acknowledge alerts');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save', hidden: true }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')).toEqual({
        method: 'PUT',
        path: '/api/admin/mobile-policy',
        body: { allowed: ['profile.pause', 'alert.acknowledge'], reason: 'on-call phones' },
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('mobile-policy-updated').textContent).toContain('u-acme-admin'),
    );
  });
});

import type { BotState, ProductStatus } from '@bytelyst/trading-contracts';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { formatTime } from '@bytelyst/trading-client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiKey } from '../../../lib/api';
import { deriveStatusView, type StatusInput } from '../utils/status-view';
import { StatusBar } from './status-bar';

const at = '2026-01-01T00:00:00.000Z';
const running: BotState = {
  status: 'running',
  verdict: { canEnter: true, canReduce: true, cancelOpenOrders: false, reasons: [] },
  product: null,
  productStatusAgeMs: 900,
  globalMode: 'RUNNING',
  tenantMode: 'RUNNING',
  lastTickAt: at,
  lastLoopAt: at,
  degradedReasons: [],
  venueFeeds: [],
  updatedAt: at,
};
const product = (over: Partial<ProductStatus> = {}): ProductStatus => ({
  productId: 'bytelyst-trading',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 1,
  updatedAt: at,
  ...over,
});
const base: StatusInput = {
  botState: running,
  backendUnreachable: false,
  socket: 'connected',
  product: product(),
  platformUnreachable: false,
};

function show(input: Partial<StatusInput>, client = new QueryClient()) {
  const full = { ...base, ...input };
  render(
    <QueryClientProvider client={client}>
      <StatusBar
        view={deriveStatusView(full)}
        socket={full.socket}
        lastTickAt={full.botState?.lastTickAt ?? null}
        productStatusAgeMs={full.botState?.productStatusAgeMs ?? null}
        productStatusMeasuredAt={Date.now()}
        venueFeeds={full.botState?.venueFeeds ?? []}
      />
    </QueryClientProvider>,
  );
  return screen.getByTestId('status-bar');
}

afterEach(cleanup);

describe('StatusBar', () => {
  it('shows running with live connection', () => {
    const bar = show({});
    expect(bar.dataset.status).toBe('running');
    expect(screen.getByTestId('status-label').textContent).toBe('Running');
    expect(screen.getByTestId('socket-state').textContent).toContain('connected');
    expect(screen.queryByTestId('status-reasons')).toBeNull();
  });

  it('shows paused with the control reason and that no new entries are allowed', () => {
    const bar = show({
      botState: {
        ...running,
        status: 'paused',
        globalMode: 'PAUSED',
        verdict: {
          canEnter: false,
          canReduce: true,
          cancelOpenOrders: false,
          reasons: ['GLOBAL_PAUSED'],
        },
      },
    });
    expect(bar.dataset.status).toBe('paused');
    expect(bar.textContent).toContain('No new entries');
    expect(screen.getByTestId('status-reasons').textContent).toContain('paused globally');
  });

  it('shows halted for a tenant halt with its reason', () => {
    const bar = show({
      botState: {
        ...running,
        status: 'halted',
        tenantMode: 'HALTED',
        verdict: {
          canEnter: false,
          canReduce: false,
          cancelOpenOrders: true,
          reasons: ['TENANT_HALTED'],
        },
      },
    });
    expect(bar.dataset.status).toBe('halted');
    expect(bar.textContent).toContain('halted for your organisation');
  });

  it('shows degraded with the backend reasons and a disconnected socket', () => {
    const bar = show({
      socket: 'disconnected',
      botState: { ...running, status: 'degraded', degradedReasons: ['market data 40 s old'] },
    });
    expect(bar.dataset.status).toBe('degraded');
    expect(bar.textContent).toContain('market data 40 s old');
    expect(bar.textContent).toContain('Live updates disconnected');
  });

  it("shows a venue feed's mode, and its problem among the reasons", () => {
    const feed = {
      feed: 'localbinance:sandbox',
      venueId: 'localbinance',
      mode: 'polling' as const,
      streamAnswered: false,
      silentSinceStart: true,
      outages: 1,
      gapsFilled: 0,
      pollErrors: 0,
      lastDataAt: at,
      problem: 'localbinance stream has not answered since start: polling the REST API',
    };
    const bar = show({
      botState: {
        ...running,
        status: 'degraded',
        degradedReasons: [feed.problem],
        venueFeeds: [
          feed,
          {
            ...feed,
            feed: 'kraken:live',
            venueId: 'kraken',
            mode: 'stream',
            streamAnswered: true,
            silentSinceStart: false,
            problem: null,
          },
        ],
      },
    });
    expect(bar.dataset.status).toBe('degraded');
    expect(within(bar).getByTestId('status-reasons').textContent).toContain(
      'localbinance stream has not answered since start',
    );
    const feeds = within(bar).getAllByTestId('venue-feed');
    expect(feeds.map((f) => f.textContent)).toEqual(['localbinance: polling', 'kraken: streaming']);
    expect(feeds[0]?.querySelector('.badge-danger')).not.toBeNull();
    expect(feeds[1]?.querySelector('.badge-muted')).not.toBeNull();
  });

  it('shows degraded, not running, when only the socket is down', () => {
    expect(show({ socket: 'disconnected' }).dataset.status).toBe('degraded');
  });

  it('shows degraded when the backend is unreachable and nothing is known', () => {
    const bar = show({ botState: undefined, backendUnreachable: true });
    expect(bar.dataset.status).toBe('degraded');
    expect(bar.textContent).toContain('backend unreachable');
  });

  it('shows maintenance with the platform message, above a halt', () => {
    const bar = show({
      product: product({
        maintenance: { active: true, message: 'DB upgrade until 02:00', expectedEndAt: null },
      }),
      botState: { ...running, status: 'halted', globalMode: 'HALTED' },
    });
    expect(bar.dataset.status).toBe('maintenance');
    expect(bar.textContent).toContain('DB upgrade until 02:00');
  });

  it('shows product disabled above everything else', () => {
    const bar = show({
      product: product({
        enabled: false,
        maintenance: { active: true, message: null, expectedEndAt: null },
      }),
    });
    expect(bar.dataset.status).toBe('disabled');
    expect(screen.getByTestId('status-label').textContent).toBe('Product disabled');
  });

  it('keeps counting the platform status age between bot state fetches', () => {
    vi.useFakeTimers();
    try {
      show({});
      const meta = () => screen.getByTestId('status-bar').textContent ?? '';
      expect(meta()).toContain('Platform status age 900 ms');
      act(() => void vi.advanceTimersByTime(5_000));
      expect(meta()).toContain('Platform status age 6 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the newest tick the socket brought, not the bot state fetched up to 15 s ago', () => {
    const client = new QueryClient();
    const newer = '2026-01-01T00:00:30.000Z';
    client.setQueryData(apiKey('prices'), {
      prices: [
        { symbol: 'BTC-USD', price: '50000', at: newer },
        { symbol: 'ETH-USD', price: '3000', at: '2026-01-01T00:00:20.000Z' },
      ],
      instruments: [],
    });
    show({}, client);
    expect(screen.getByTestId('status-bar').textContent).toContain(
      `Last tick ${formatTime(newer)}`,
    );
    cleanup();
    show({});
    expect(screen.getByTestId('status-bar').textContent).toContain(`Last tick ${formatTime(at)}`);
  });
});

import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@bytelyst/trading-client';
import { DataState } from './data-state';

afterEach(cleanup);

const list = (items: string[]) => (
  <ul>
    {items.map((i) => (
      <li key={i}>{i}</li>
    ))}
  </ul>
);

describe('DataState', () => {
  it('says loading while pending', () => {
    render(<DataState query={{ data: undefined, error: null, isPending: true }}>{list}</DataState>);
    expect(screen.getByText(/Loading/)).toBeTruthy();
  });

  it('shows the error code and request id when nothing could be loaded', () => {
    const error = new ApiError({
      code: 'FORBIDDEN',
      message: 'You are not allowed to do this.',
      status: 403,
      requestId: 'req-42',
    });
    render(<DataState query={{ data: undefined, error, isPending: false }}>{list}</DataState>);
    expect(screen.getByRole('alert').textContent).toContain('FORBIDDEN');
    expect(screen.getByTestId('request-id').textContent).toBe('req-42');
  });

  it('distinguishes empty from loaded, and keeps stale data visible with the refresh error', () => {
    const { rerender } = render(
      <DataState
        query={{ data: [], error: null, isPending: false }}
        isEmpty={(d) => d.length === 0}
        empty="No orders yet."
      >
        {list}
      </DataState>,
    );
    expect(screen.getByText('No orders yet.')).toBeTruthy();
    const error = new ApiError({
      code: 'NETWORK_UNREACHABLE',
      message: 'The trading backend could not be reached.',
      status: 0,
      requestId: 'req-7',
    });
    rerender(
      <DataState
        query={{ data: ['BTC-USD'], error, isPending: false }}
        isEmpty={(d) => d.length === 0}
      >
        {list}
      </DataState>,
    );
    expect(screen.getByText('BTC-USD')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('NETWORK_UNREACHABLE');
  });
});

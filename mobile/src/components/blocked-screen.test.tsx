import type { GateBlock } from '@bytelyst/react-auth';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockedScreen } from './blocked-screen';

afterEach(cleanup);

const status = {
  productId: 'bytelyst-trading',
  enabled: true,
  maintenance: { active: true, message: 'Database upgrade', expectedEndAt: null },
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

// Rendered through react-native-web (vitest aliases react-native to it), as the web build is.
describe('BlockedScreen', () => {
  it('shows the operator message during maintenance', () => {
    const block: GateBlock = {
      reason: 'maintenance',
      status,
      message: 'Database upgrade',
      expectedEndAt: null,
    };
    render(<BlockedScreen block={block} />);
    const el = screen.getByTestId('product-gate-blocked');
    expect(el.textContent).toContain('Scheduled maintenance');
    expect(el.textContent).toContain('Database upgrade');
  });

  it('says the product is off when the kill switch is on', () => {
    const block: GateBlock = {
      reason: 'disabled',
      status: { ...status, enabled: false },
      message: null,
      expectedEndAt: null,
    };
    render(<BlockedScreen block={block} />);
    expect(screen.getByTestId('product-gate-blocked').textContent).toContain(
      'The product is unavailable',
    );
  });
});

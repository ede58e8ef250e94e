import type { Alert } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { DIGEST_LINES, digestBody, digestHeadline, digestSummary } from './alert-text.js';

const alert = (i: number, over: Partial<Alert> = {}): Alert => ({
  id: `a-${i}`,
  tenantId: 't',
  profileId: null,
  severity: 'info',
  kind: 'fill',
  code: 'ORDER_FILLED',
  message: `fill ${i}`,
  state: 'open',
  acknowledged: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: new Date(Date.parse('2026-12-07T12:00:00Z') + i * 60_000).toISOString(),
  ...over,
});

describe('digest text', () => {
  it('summarises the window by severity and kind, then lists lines up to a cap', () => {
    const alerts = [
      ...Array.from({ length: 120 }, (_, i) => alert(i)),
      alert(200, { severity: 'warning', kind: 'outage', code: 'DATA_OUTAGE' }),
    ];
    const s = digestSummary(alerts);
    expect(s).toMatchObject({
      count: 121,
      bySeverity: { info: 120, warning: 1 },
      byKind: { fill: 120, outage: 1 },
      from: '2026-12-07T12:00:00.000Z',
      to: '2026-12-07T15:20:00.000Z',
    });
    expect(digestHeadline(s)).toBe(
      '121 alert(s), 2026-12-07 12:00 to 15:20 UTC: info 120, warning 1. By kind: fill 120, outage 1.',
    );
    const body = digestBody(alerts).split('\n');
    expect(body).toHaveLength(2 + DIGEST_LINES + 1);
    expect(body.at(-1)).toBe('... and 21 more in the alert centre.');
  });
});

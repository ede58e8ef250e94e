import { ErrorEnvelopeSchema, PRODUCT } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../storage/test-db.js';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';

/** Control characters in the platform's free text: 400 naming the field, and nothing written. */
describe.each(testDatabases())('free text on the platform ($name)', (kind) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = (await h.login('admin@demo.bytelyst.test')).accessToken;
  });
  afterAll(async () => h?.close());

  const issues = (res: { body: string }) =>
    ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.details?.issues?.map((i) => i.path);
  const count = async (table: string) =>
    Number((await h.platform.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

  it.each(['\u0000', '\u0001', '\u001b', '\u007f'])(
    'refuses %j in status reasons and telemetry',
    async (c) => {
      const audits = await count('audit_events');
      const events = await count('telemetry_events');
      const status = await h.app.inject({
        method: 'PUT',
        url: `/products/${PRODUCT.productId}/status`,
        headers: bearer(admin),
        payload: { maintenance: { active: true, message: `down${c}` }, reason: `planned${c}work` },
      });
      expect(status.statusCode).toBe(400);
      expect(issues(status)).toEqual(
        expect.arrayContaining(['body.reason', 'body.maintenance.message']),
      );
      const telemetry = await h.app.inject({
        method: 'POST',
        url: '/telemetry/events',
        payload: {
          events: [
            {
              name: 'app.start',
              surface: 'web',
              appVersion: '1.0.0',
              sessionId: 's-1',
              requestId: null,
              at: new Date().toISOString(),
              attributes: { screen: `home${c}`, [`k${c}`]: 1 },
            },
          ],
        },
      });
      expect(telemetry.statusCode).toBe(400);
      expect(issues(telemetry)?.some((p) => p.startsWith('body.events.0.attributes'))).toBe(true);
      expect(await count('audit_events')).toBe(audits);
      expect(await count('telemetry_events')).toBe(events);
      const now = await h.app.inject({ url: `/products/${PRODUCT.productId}/status` });
      expect(JSON.parse(now.body).maintenance.active).toBe(false);
    },
  );
});

/**
 * check:api-contract: every GET route answers a body its contract schema accepts (as a user and as
 * an admin), the flag contract has exactly the declared keys, audit rows have the audit shape, the
 * OpenAPI document lists every route, docs/API.md is current, and the socket namespaces are the
 * three the design names.
 */
import { readFileSync } from 'node:fs';
import {
  API_ROUTES,
  AuditEvent,
  FEATURE_FLAG_KEYS,
  FeatureFlagsResponseSchema,
  SOCKET_NAMESPACES,
  type ApiRouteName,
} from '@bytelyst/trading-contracts';
import { call } from '../../test-support/backend-harness.js';
import { API_DOC_PATH, renderApiDoc } from '../api-doc.js';
import { fillPath, runCheck } from './check-kit.js';

const SAMPLE_QUERY: Partial<Record<ApiRouteName, string>> = { candles: '?symbol=BTC-USD&limit=5' };

await runCheck('api-contract', async ({ backend, tokens, fail }) => {
  // Produce some state first: an audited control change and a manual order.
  await call(backend, {
    method: 'PUT',
    path: '/api/admin/trading-control',
    token: tokens.admin,
    body: { scope: 'tenant', targetId: 'acme', mode: 'RUNNING', reason: 'contract check' },
  });
  // Backtests are for operators unless `backtest.customer` is on; read them as the admin.
  const backtest = await call(backend, {
    path: '/api/backtests',
    token: tokens.admin,
    body: { strategy: { strategy: 'sma-cross', params: {} }, symbol: 'BTC-USD', candles: 1000 },
  });
  const second = await call(backend, {
    path: '/api/backtests',
    token: tokens.admin,
    body: { strategy: { strategy: 'rsi-reversion', params: {} }, symbol: 'BTC-USD', candles: 1000 },
  });
  // A run's trades and curve answer once it has finished (1,000 candles: well under a second).
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    const r = await call(backend, {
      path: `/api/backtests/${backtest.body.id}`,
      token: tokens.admin,
    });
    if (r.body?.status !== 'queued' && r.body?.status !== 'running') break;
    await new Promise((done) => setTimeout(done, 100));
  }
  const search = await call(backend, {
    path: '/api/searches',
    token: tokens.admin,
    body: {
      base: { strategy: { strategy: 'sma-cross', params: {} }, symbol: 'BTC-USD', candles: 1000 },
      space: { fastPeriod: { values: [5, 10] } },
    },
  });
  // A model version of acme (the admin's tenant), read back by alice as any member may.
  const model = await call(backend, {
    method: 'POST',
    path: '/api/models',
    token: tokens.admin,
    body: {
      symbol: 'BTC-USD',
      candles: 1000,
      settings: { features: ['ret_1', 'rsi_14'], model: { kind: 'logistic' } },
    },
  });
  // A training job of acme (queued on the research queue; its row answers whatever its state).
  const training = await call(backend, {
    path: '/api/model-trainings',
    token: tokens.admin,
    body: {
      symbol: 'BTC-USD',
      candles: 1000,
      settings: { features: ['ret_1', 'rsi_14'], model: { kind: 'logistic' } },
      validation: { folds: 2 },
    },
  });
  // A stored candle series (read back by the admin: customers need backtest.customer).
  await call(backend, {
    path: '/api/market-data/csv?symbol=BTC-USD&timeframe=1m&importId=imp-contract',
    token: tokens.admin,
    headers: { 'content-type': 'text/csv' },
    body: 'time,open,high,low,close\n2026-01-01T00:00:00Z,1,2,0.5,1.5\n2026-01-01T00:02:00Z,1,2,0.5,1.5\n',
  });
  // Alerts come from trading events; read deliveries of one when the demo has raised any.
  const alerts = await call(backend, { path: '/api/alerts?limit=1', token: tokens.alice });
  const alertId = (alerts.body.items as { id: string }[] | undefined)?.[0]?.id;
  const sampleId: Partial<Record<ApiRouteName, string>> = {
    getBacktest: backtest.body.id,
    getBacktestTrades: backtest.body.id,
    exportBacktestTradesCsv: backtest.body.id,
    getBacktestCurve: backtest.body.id,
    getModel: model.body.id,
    getModelTraining: training.body.id,
    getCandleImport: 'imp-contract',
    getSearch: search.body.id,
    listSearchTrials: search.body.id,
    ...(alertId ? { alertDeliveries: alertId } : {}),
  };
  const query: Partial<Record<ApiRouteName, string>> = {
    ...SAMPLE_QUERY,
    compareBacktests: `?ids=${backtest.body.id},${second.body.id}`,
  };
  const asAdmin = new Set<ApiRouteName>([
    'listBacktests',
    'getBacktest',
    'getBacktestTrades',
    'exportBacktestTradesCsv',
    'getBacktestCurve',
    'listSearches',
    'getSearch',
    'listSearchTrials',
    'compareBacktests',
    'listCandleSeries',
    'getCandleImport',
  ]);
  for (const name of Object.keys(API_ROUTES) as ApiRouteName[]) {
    const def = API_ROUTES[name];
    if (def.method !== 'GET') continue;
    const token =
      def.access === 'operator' || def.access === 'tenant_admin' || asAdmin.has(name)
        ? tokens.admin
        : def.access === 'user'
          ? tokens.alice
          : null;
    const id = sampleId[name] ?? 'p-alice-btc-trend';
    const path = fillPath(def.path, { id }) + (query[name] ?? '');
    const r = await call(backend, { path, token });
    if (name === 'healthReady' && r.status === 503) continue; // readiness may fail while warming up; its body is still checked below
    // Without a raised alert, the contract for a missing one is a 404 in the error envelope.
    if (
      name === 'alertDeliveries' &&
      !alertId &&
      r.status === 404 &&
      r.body?.error?.code === 'NOT_FOUND'
    )
      continue;
    if (r.status !== 200) {
      fail(`${def.method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
      continue;
    }
    const parsed = def.response.safeParse(r.body);
    if (!parsed.success)
      fail(
        `${def.method} ${def.path} breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
  }
  const flags = await call(backend, { path: '/api/feature-flags', token: tokens.alice });
  const f = FeatureFlagsResponseSchema.safeParse(flags.body);
  if (!f.success) fail('feature flags do not match FeatureFlagsResponseSchema');
  else if (Object.keys(f.data.flags).sort().join() !== [...FEATURE_FLAG_KEYS].sort().join())
    fail('feature flag keys differ from FEATURE_FLAG_KEYS');
  const audit = await call(backend, { path: '/api/admin/audit?limit=50', token: tokens.admin });
  if (!audit.body.items?.length) fail('no audit rows after an audited change');
  for (const row of audit.body.items ?? [])
    if (!AuditEvent.safeParse(row).success) fail(`audit row ${row.id} has the wrong shape`);

  const openapi = await call(backend, { path: '/docs/json' });
  const documented = new Set(Object.keys(openapi.body.paths ?? {}));
  for (const def of Object.values(API_ROUTES)) {
    const oaPath = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
    if (!documented.has(oaPath)) fail(`OpenAPI document lacks ${def.path}`);
  }
  if (readFileSync(API_DOC_PATH, 'utf8') !== renderApiDoc())
    fail('docs/API.md is out of date: run pnpm --filter @bytelyst/trading-backend api:doc');
  const ns = Object.values(SOCKET_NAMESPACES).sort().join();
  if (ns !== ['/', '/admin', '/trading'].join()) fail(`socket namespaces are ${ns}`);
});

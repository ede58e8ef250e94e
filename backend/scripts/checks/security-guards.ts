/**
 * check:security-guards: every route has a role decision in ROLE_MATRIX that agrees with its
 * access (a new route without one fails here), every cell of the matrix answers as decided over
 * HTTP, every non-public route refuses a missing token (401), every admin route refuses a user
 * (403), every user write that is not an exit is refused in maintenance (503), unknown CORS origins get
 * no allow header, security headers are set, errors never carry stack traces, the token verifier
 * pins its algorithms, and `process.env` is read only in env.ts files.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '@bytelyst/trading-contracts';
import { roleMatrixProblems } from '../../src/api/http/role-matrix.js';
import { call, productStatus } from '../../test-support/backend-harness.js';
import { driveRoleMatrix } from '../../test-support/role-matrix-driver.js';
import { fillPath, runCheck } from './check-kit.js';

const root = join(import.meta.dirname, '../../..');

await runCheck('security-guards', async ({ backend, tokens, fail }) => {
  for (const problem of roleMatrixProblems()) fail(problem);
  for (const m of await driveRoleMatrix(backend))
    fail(`${m.route} as ${m.caller}: expected ${m.expected}, got ${m.status} ${m.code ?? ''}`);
  const routes = Object.values(API_ROUTES);
  for (const def of routes) {
    const path = fillPath(def.path, { id: 'p-alice-btc-trend' });
    const body = def.method === 'GET' || def.method === 'DELETE' ? undefined : {};
    if (def.access !== 'public') {
      const anon = await call(backend, { method: def.method, path, body });
      if (anon.status !== 401)
        fail(`${def.method} ${def.path} without a token answered ${anon.status}`);
    }
    if (def.access === 'operator' || def.access === 'tenant_admin') {
      const user = await call(backend, { method: def.method, path, body, token: tokens.alice });
      if (user.status !== 403) fail(`${def.method} ${def.path} answered ${user.status} to a user`);
    }
  }
  backend.status.set(
    productStatus({
      maintenance: { active: true, message: 'guard check', expectedEndAt: null },
      version: 50,
    }),
  );
  for (const def of routes) {
    if (!('userWrite' in def && def.userWrite)) continue;
    // Exits (close, cancel, disable, manual orders judged by the engine) stay open by design.
    if ('exitWrite' in def && def.exitWrite) continue;
    const r = await call(backend, {
      method: def.method,
      path: fillPath(def.path, { id: 'p-alice-btc-trend' }),
      body: def.method === 'DELETE' ? undefined : {},
      token: tokens.alice,
    });
    if (r.status !== 503)
      fail(`${def.method} ${def.path} is a user write but answered ${r.status} in maintenance`);
  }
  backend.status.set(productStatus({ version: 51 }));

  const res = await fetch(`${backend.url}/api/profiles`, {
    headers: { origin: 'https://evil.example', authorization: `Bearer ${tokens.alice}` },
  });
  if (res.headers.get('access-control-allow-origin')) fail('an unknown origin was allowed by CORS');
  for (const h of [
    'x-content-type-options',
    'x-frame-options',
    'strict-transport-security',
    'x-request-id',
  ]) {
    if (!res.headers.get(h)) fail(`response lacks ${h}`);
  }
  const broken = await call(backend, {
    path: '/api/profiles',
    token: tokens.alice,
    body: '{"broken"',
  });
  if (JSON.stringify(broken.body).includes(' at ')) fail('an error response carries a stack trace');

  const verifier = readFileSync(join(root, 'backend/src/api/auth/token-verifier.ts'), 'utf8');
  if (!/algorithms = \['RS256'\]/.test(verifier) || /'none'/.test(verifier))
    fail('the token verifier does not pin RS256');
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const f of files) {
    if (
      /(^|\/)env\.ts$|\.test\.tsx?$|^scripts\/|^bench\/|\/scripts\/|\/test-support\/|\/e2e\/|\.config\.ts$/.test(
        f,
      )
    )
      continue;
    if (readFileSync(join(root, f), 'utf8').includes('process.env'))
      fail(`${f} reads process.env outside an env.ts`);
  }
});

/**
 * Renders docs/API.md from the contract route table and socket event table, so the document
 * cannot drift from the code: `check:api-contract` fails when the committed file differs.
 * Usage: tsx scripts/api-doc.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_EVENTS,
  API_ROUTES,
  ERROR_CODES,
  FEATURE_FLAG_KEYS,
  PUBLIC_EVENTS,
  SOCKET_NAMESPACES,
  TRADING_EVENTS,
} from '@bytelyst/trading-contracts';

import { CALLERS, ROLE_MATRIX } from '../src/api/http/role-matrix.js';

export const API_DOC_PATH = join(import.meta.dirname, '../../docs/API.md');

export function renderApiDoc(): string {
  const lines: string[] = [
    '# Trading backend API',
    '',
    'Generated from `shared/src/api.ts` and `shared/src/realtime.ts` by `pnpm --filter @bytelyst/trading-backend api:doc`; do not edit by hand.',
    'The live OpenAPI document (with every schema) is served at `/docs` and `/docs/json`.',
    '',
    '## Conventions',
    '',
    '- Authentication: `Authorization: Bearer <access token>` issued by the platform service (RS256, verified against its JWKS). Tenant, user and role come from the token only.',
    '- Every response carries `x-request-id` (yours, when well-formed, or a minted one).',
    '- Errors: `{"error":{"code","message","requestId","details?"}}`; validation errors list field paths in `details.issues`.',
    '- Amounts (prices, quantities, cash) are decimal strings, never JSON numbers.',
    '- Lists that can grow are cursor-paginated: pass `nextCursor` back as `cursor`.',
    '- Every `GET /api/...` answer carries a weak `ETag` over its JSON; send it back as `If-None-Match` and an unchanged answer is `304` with no body (signed-in answers stay `cache-control: no-store`: only the caller revalidates). Bodies over 1 KB are gzip- or deflate-compressed when `accept-encoding` allows.',
    '- `POST /api/trade` requires `Idempotency-Key` (8-128 of `A-Za-z0-9_.:-`); see Idempotency below.',
    "- `POST /api/trade` and `POST /api/close` take `x-order-deadline-ms` (100-60000; default 10000): an order not placed within it is never sent and answers 503 `ORDER_NOT_SAVED`. Any instance accepts any tenant's order: one whose loop runs elsewhere is executed by that instance (`loop_commands`) with the same key and deadline.",
    '- Operators and tenant admins may send `x-preview-as: <userId>` (a user of their own tenant who owns a profile, or `customer` for themselves) to see exactly what that user sees. A preview is read-only: every write answers 403 `PREVIEW_READ_ONLY`, and the audit row names the real admin with `previewAs` beside it.',
    "- A manual order's ids derive from (tenant, user, `Idempotency-Key`), never from `x-request-id` (a header the caller chooses, kept on the order as `requestId` for tracing only); a keyless close is always a new order.",
    '- While the product is in maintenance, user writes marked `yes` answer 503 `MAINTENANCE`; those marked `exit` (close, reduce-only or any manual order, cancel, disable) stay open, and the engine refuses every entry then (`422 ORDER_DENIED`, reason `MAINTENANCE`).',
    "- The mobile app sends `x-client-surface: mobile` and `x-client-device: <install id> <name>` on every request. On routes with a `mobile action`, such a request runs only if the tenant's mobile policy (`GET /api/mobile-policy`, set by a tenant admin with `PUT /api/admin/mobile-policy`, audited) allows that action, it carries an `Idempotency-Key`, and (pause/resume) the profile is the caller's own; otherwise 403 `MOBILE_ACTION_NOT_ALLOWED` (`details.reasons` names the action). The audit row of such an action has `after.via = { surface: 'mobile', device }`. The header is a declaration, not a credential: without it a request is the web's, where the user may take every one of these actions anyway. Default policy: `alert.acknowledge` only.",
    '',
    '## Routes',
    '',
    '| method | path | access | user write | mobile action | summary |',
    '|---|---|---|---|---|---|',
  ];
  for (const def of Object.values(API_ROUTES)) {
    const write =
      'userWrite' in def && def.userWrite
        ? 'exitWrite' in def && def.exitWrite
          ? 'exit'
          : 'yes'
        : '';
    const mobile = 'mobileAction' in def && def.mobileAction ? `\`${def.mobileAction}\`` : '';
    lines.push(
      `| ${def.method} | \`${def.path}\` | ${def.access} | ${write} | ${mobile} | ${def.summary} |`,
    );
  }
  lines.push(
    '| GET | `/metrics` | METRICS_TOKEN bearer (without one: loopback callers, none in production) | | | Prometheus metrics |',
    '',
  );
  lines.push(
    '## Socket.IO',
    '',
    'The handshake sends the access token as `auth: { token }`. A socket whose token expires receives `session_ended` and is disconnected; reconnect with a fresh token.',
    '',
    'Clients (`client/src/realtime.ts`) treat every server-side end as temporary except a revoked',
    "session, a disabled tenant or a refused role: after the gateway's shutdown disconnect (every",
    'deploy), an expired session or a refused handshake (`TOKEN_INVALID`, `TOKEN_EXPIRED`,',
    '`UNAUTHENTICATED`) they reconnect with exponential backoff and equal jitter (0.5-5 s), refreshing',
    'the token first when it was the reason. On every reconnect they refetch each active query (pushes',
    'sent while down were missed), and while the socket is down every active query polls every 10 s',
    "(`FALLBACK_POLL_MS`), the interval both surfaces' banners state.",
    '',
  );
  const ns: [string, Record<string, unknown>][] = [
    [SOCKET_NAMESPACES.trading, TRADING_EVENTS],
    [SOCKET_NAMESPACES.admin, ADMIN_EVENTS],
    [SOCKET_NAMESPACES.public, PUBLIC_EVENTS],
  ];
  for (const [name, events] of ns)
    lines.push(
      `- \`${name}\`: ${Object.keys(events)
        .map((e) => `\`${e}\``)
        .join(', ')}`,
    );
  lines.push(
    '',
    "Each event is named after the resource it carries and carries that resource's whole current state",
    '(an order as it is now, the portfolio revalued), so a client that misses one loses nothing the',
    'next one or a refetch does not restore. The names are the wire contract of installed mobile',
    "builds and are not renamed in place; past-tense names (the style guide's rule for events) wait for",
    'a versioned handshake (docs/ROADMAP.md). New events are named in the past tense from the start:',
    '`profile_changed` (a profile was created, edited, switched on or off, deleted or its block',
    "resolved) names the profile, its tenant and owner only, and goes to the owner's sockets and the",
    "tenant's admins; screens refetch the profile list through the API, which applies visibility.",
    'A block raised by the loop arrives as an `alert`, on which both surfaces refetch profiles too.',
    '',
    'Orders and positions (REST, `order` and `position` events, `TradeResponse.order`) carry `venue`:',
    '`{ accountId, venueId, label }` of the venue account, `{ accountId: null, venueId: "paper",',
    'label: "Paper" }` for the paper book. An order\'s is the account it was sent to, kept on the order',
    "row (migration 0025) whatever its profile does later; a position's is its profile's account now",
    '(a profile changes account only while flat).',
    '',
    "`bot_state` (and `GET /api/bot-state`) carries `venueFeeds`: per venue feed of the tenant's",
    'accounts, `mode` (`starting`, `stream`, `polling`, `failed`), `streamAnswered`,',
    '`silentSinceStart`, `outages`, `gapsFilled`, `pollErrors`, `lastDataAt` and `problem` (words,',
    'null while it streams normally). A feed with a problem makes the status `degraded` with the',
    'problem among `degradedReasons`. It is pushed when the mode, counts or problem change, not on',
    'every tick.',
    '',
    '`/metrics` has the same per feed (label `feed`, e.g. `binance:live`): `venue_feed_mode{mode}`',
    '(1 for the current mode), `venue_feed_outages`, `venue_feed_gaps_filled`,',
    '`venue_feed_poll_errors` (since the feed started), `venue_feed_silent_since_start` (0/1) and',
    '`venue_feed_data_age_seconds`.',
    '',
    "`portfolio` (the caller's account revalued at the live marks, the same figures as",
    '`GET /api/portfolio`) is sent only while the user has a `/trading` socket open, at most once a',
    "second, and only when one of their profiles' books changed (a mark moved under a position, a fill,",
    'a fee); a socket that opens starts from `GET /api/portfolio`.',
  );
  lines.push(...securitySection());
  lines.push('', '## Error codes', '', '| code | HTTP | meaning |', '|---|---|---|');
  for (const [code, { status, message }] of Object.entries(ERROR_CODES))
    lines.push(`| \`${code}\` | ${status} | ${message} |`);
  lines.push(
    '',
    '## Feature flags (`GET /api/feature-flags`)',
    '',
    FEATURE_FLAG_KEYS.map((k) => `\`${k}\``).join(', '),
    '',
  );
  return lines.join('\n');
}

/** Tokens, revocation, idempotency and the role matrix (generated from ROLE_MATRIX). */
function securitySection(): string[] {
  const lines = [
    '',
    '## Tokens and revocation',
    '',
    '- Access tokens live 15 minutes (`ACCESS_TOKEN_TTL_S` on the platform); the backend refuses any token without `typ` (`access` or `service`), one issued in the future (30 s leeway) or one living longer than one hour (`MAX_TOKEN_LIFETIME_S`).',
    '- Service tokens (`typ: service`, `POST /auth/service-token` on the platform) are accepted on the routes marked `serviceCallers` (`/internal/...`) and refused (403) everywhere else.',
    "- Revocation: a signed-out, revoked, reused, reset or disabled session is listed on the platform feed `GET /auth/revocations`; the backend polls it every `PLATFORM_REVOCATION_POLL_MS` (2 s) in the background and then refuses that session's tokens (401) and ends its sockets (`session_ended` `revoked`). Delay: at most one poll plus one request, 5 s. Token verification stays local: no call to the platform per request.",
    '',
    '## Idempotency',
    '',
    "- Records are keyed by (tenant, user, `Idempotency-Key`) with a hash of the method, path and body. The same key and body replays the first answer (status included) with `idempotent-replayed: true`; the same key with another body answers 409 `IDEMPOTENCY_CONFLICT`; the same key from another user is that user's own new request. A request still running answers 409 `CONFLICT` after 10 s; keys are kept 24 h.",
    '',
    '## Roles',
    '',
    "`operator`: the product's staff (product-wide controls, every tenant, audited). `tenant_admin`: one customer organisation (its users and profiles, tenant-level pause and halt, its audit). `user`: their own profiles. Each route's `access` above is its role decision; the matrix below is what each caller gets (driven over HTTP by `role-matrix.test.ts` and `check:security-guards`). Cells: `ok` 200, `forbidden` 403, `read_only` 403 `PREVIEW_READ_ONLY`, `not_found` 404 (another tenant's id answers like a missing one), `admitted` (the guard admits; the answer is the handler's). A tenant admin's admin views are their own tenant's only.",
    '',
    `| route | ${CALLERS.join(' | ')} |`,
    `|---|${CALLERS.map(() => '---').join('|')}|`,
  ];
  for (const [name, r] of Object.entries(ROLE_MATRIX)) {
    const def = API_ROUTES[name as keyof typeof API_ROUTES];
    lines.push(`| ${def.method} \`${def.path}\` | ${CALLERS.map((c) => r[c]).join(' | ')} |`);
  }
  return lines;
}

if (process.argv[1] === import.meta.filename) {
  const doc = renderApiDoc();
  if (process.argv.includes('--write')) {
    writeFileSync(API_DOC_PATH, doc);
    console.log(`wrote ${API_DOC_PATH}`);
  } else {
    const current = readFileSync(API_DOC_PATH, 'utf8');
    if (current !== doc) {
      console.error(
        'docs/API.md is out of date: run pnpm --filter @bytelyst/trading-backend api:doc',
      );
      process.exit(1);
    }
    console.log('docs/API.md matches the contract');
  }
}

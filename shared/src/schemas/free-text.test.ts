import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ROUTES } from '../api.js';
import {
  CreateTenantBody,
  CreateUserBody,
  FlagRuleBody,
  LoginBody,
  LogoutBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PlatformAuditQuery,
  ProductStatusUpdateBody,
  RefreshBody,
  ServiceTokenBody,
  TelemetryBatch,
  TelemetryQuery,
} from './platform.js';

/** Every request schema of both services: the backend's route table and the platform's bodies. */
const INBOUND: Record<string, z.ZodType> = {
  ...Object.fromEntries(
    Object.entries(API_ROUTES).flatMap(([name, def]) =>
      (['params', 'query', 'body'] as const)
        .filter((k) => k in def)
        .map((k) => [`${name}.${k}`, (def as unknown as Record<string, z.ZodType>)[k]]),
    ),
  ),
  'platform.login': LoginBody,
  'platform.refresh': RefreshBody,
  'platform.logout': LogoutBody,
  'platform.resetRequest': PasswordResetRequestBody,
  'platform.resetConfirm': PasswordResetConfirmBody,
  'platform.telemetry': TelemetryBatch,
  'platform.telemetryQuery': TelemetryQuery,
  'platform.serviceToken': ServiceTokenBody,
  'platform.status': ProductStatusUpdateBody,
  'platform.flag': FlagRuleBody,
  'platform.tenant': CreateTenantBody,
  'platform.user': CreateUserBody,
  'platform.audit': PlatformAuditQuery,
};

/** Secrets are hashed or compared, never stored or shown as text: any byte may be in them. */
const SECRETS = new Set(['password', 'clientSecret', 'refreshToken', 'token', 'newPassword']);

type Node = Record<string, unknown>;

/** Paths of string leaves whose schema would accept a NUL byte. */
function acceptsNul(node: Node, path: string, out: string[]): void {
  if (node.type === 'string' || (node.pattern && !node.type)) {
    if (SECRETS.has(path.split('.').pop() ?? '')) return;
    if ('enum' in node || 'const' in node || 'format' in node) return;
    const patterns = [
      node.pattern,
      ...((node.allOf as Node[] | undefined) ?? []).map((n) => n.pattern),
    ].filter((p): p is string => typeof p === 'string');
    if (!patterns.some((p) => !new RegExp(p).test('a\u0000b'))) out.push(path);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (v && typeof v === 'object') {
      const next = k === 'properties' || k === 'items' || /^\d+$/.test(k) ? path : `${path}.${k}`;
      if (k === 'properties') {
        for (const [pk, pv] of Object.entries(v as Record<string, Node>))
          acceptsNul(pv, `${path}.${pk}`, out);
      } else acceptsNul(v as Node, next, out);
    }
  }
}

describe('free text in request schemas', () => {
  it('refuses NUL in every string field of every request schema, secrets aside', () => {
    const open: string[] = [];
    for (const [name, schema] of Object.entries(INBOUND)) {
      acceptsNul(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), name, open);
    }
    expect(open).toEqual([]);
  });

  it('names the field and allows line breaks only where text may span lines', () => {
    const body = API_ROUTES.close.body;
    const bad = body.safeParse({ profileId: 'p-1', symbol: 'BTC-USD', reason: 'a\u0000b' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['reason']);
    expect(
      body.safeParse({ profileId: 'p-1', symbol: 'BTC-USD', reason: 'two\nlines' }).success,
    ).toBe(true);
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\n']) {
      expect(
        API_ROUTES.createProfile.body.shape.name.safeParse(`x${c}y`).success,
        JSON.stringify(c),
      ).toBe(false);
    }
  });
});

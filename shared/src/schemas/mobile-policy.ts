import { z } from 'zod';
import { Reason, Timestamp, lineText } from '../primitives.js';

/**
 * The interventions a tenant admin may approve for the mobile app. Everything else on mobile is
 * monitoring; the web keeps every action whatever this policy says.
 */
export const MobileAction = z.enum([
  /** Disable one of the caller's own profiles (no new entries; exits still managed). */
  'profile.pause',
  /** Enable one of the caller's own profiles again. */
  'profile.resume',
  /** Close one position at market (every control and risk rule still applies). */
  'position.close',
  'alert.acknowledge',
]);
export type MobileAction = z.infer<typeof MobileAction>;
export const MOBILE_ACTIONS = MobileAction.options;

/**
 * What a tenant has approved before its admin sets anything: acknowledging alerts only, which
 * changes no trading state and was open to every user before the policy existed.
 */
export const DEFAULT_MOBILE_ACTIONS: readonly MobileAction[] = ['alert.acknowledge'];

export const MobilePolicy = z.strictObject({
  allowed: z.array(MobileAction).max(MOBILE_ACTIONS.length),
  /** null while the tenant runs on the default. */
  updatedAt: Timestamp.nullable(),
  updatedBy: lineText().max(200).nullable(),
});
export type MobilePolicy = z.infer<typeof MobilePolicy>;

export const PutMobilePolicyBody = z.strictObject({
  allowed: z
    .array(MobileAction)
    .max(MOBILE_ACTIONS.length)
    .refine((a) => new Set(a).size === a.length, 'each action at most once'),
  /** Why, kept in the audit row like every other admin change. */
  reason: Reason,
});
export type PutMobilePolicyBody = z.infer<typeof PutMobilePolicyBody>;

/**
 * The app's surface, sent by the mobile app on every request so the backend can apply the
 * tenant's mobile policy. It is a declaration, not a credential: a client that leaves it out is
 * treated as the web, where the user may take every one of these actions anyway.
 */
export const CLIENT_SURFACE_HEADER = 'x-client-surface';
export const ClientSurface = z.enum(['web', 'mobile']);
export type ClientSurface = z.infer<typeof ClientSurface>;
/** "<install id> <name>": which phone acted, recorded in the audit row of an intervention. */
export const CLIENT_DEVICE_HEADER = 'x-client-device';
export const ClientDevice = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: lineText().max(100),
});
export type ClientDevice = z.infer<typeof ClientDevice>;

/** Parses the device header; anything malformed reads as "unknown device", never a failure. */
export function parseClientDevice(raw: string | undefined): ClientDevice | null {
  if (!raw) return null;
  const space = raw.indexOf(' ');
  const id = space < 0 ? raw : raw.slice(0, space);
  const name = space < 0 ? '' : raw.slice(space + 1).trim();
  const parsed = ClientDevice.safeParse({ id, name });
  return parsed.success ? parsed.data : null;
}

export const formatClientDevice = (d: ClientDevice): string => `${d.id} ${d.name}`.trim();

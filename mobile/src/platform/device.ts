import type { KeyValueStorage } from '@bytelyst/platform-sdk';
import {
  CLIENT_DEVICE_HEADER,
  CLIENT_SURFACE_HEADER,
  formatClientDevice,
  type ClientDevice,
} from '@bytelyst/trading-contracts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 22 random letters and digits; Math.random is enough for a label that is not a secret. */
export function newInstallId(random: () => number = Math.random): string {
  let id = 'inst-';
  for (let i = 0; i < 22; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? 'x';
  return id;
}

/** Header values must be plain ASCII (fetch refuses others): keep what a header can carry. */
export const asciiName = (s: string): string =>
  s
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 100);

/**
 * Which phone this is, for the audit row of an intervention: an install id kept in secure
 * storage (it survives restarts, not a reinstall) and a readable name. Loaded once at launch;
 * until then requests carry the surface only.
 */
export function createDeviceIdentity(options: {
  storage: KeyValueStorage;
  key: string;
  name: string;
  newId?: () => string;
}) {
  let device: ClientDevice | null = null;
  const load = async (): Promise<ClientDevice> => {
    let id = await options.storage.getItem(options.key);
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = (options.newId ?? newInstallId)();
      await options.storage.setItem(options.key, id);
    }
    device = { id, name: asciiName(options.name) };
    return device;
  };
  return {
    load,
    current: () => device,
    headers: (): Record<string, string> => ({
      [CLIENT_SURFACE_HEADER]: 'mobile',
      ...(device ? { [CLIENT_DEVICE_HEADER]: formatClientDevice(device) } : {}),
    }),
  };
}

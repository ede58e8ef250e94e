import { describe, expect, it } from 'vitest';
import { parseClientDevice } from '@bytelyst/trading-contracts';
import { asciiName, createDeviceIdentity, newInstallId } from './device';

const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
};

describe('device identity', () => {
  it('keeps one install id across launches and sends it with a readable name', async () => {
    const storage = memory();
    const a = createDeviceIdentity({ storage, key: 'dev', name: 'ios 18.2 · iPhone' });
    expect(a.headers()).toEqual({ 'x-client-surface': 'mobile' });
    const first = await a.load();
    expect(first.id).toMatch(/^inst-[A-Za-z0-9]{22}$/);
    expect(first.name).toBe('ios 18.2  iPhone');
    const b = createDeviceIdentity({ storage, key: 'dev', name: 'ios 18.2' });
    expect((await b.load()).id).toBe(first.id);
    // What the backend reads back from the header is what the app meant.
    expect(parseClientDevice(b.headers()['x-client-device'])).toEqual({
      id: first.id,
      name: 'ios 18.2',
    });
  });

  it('replaces a stored id the backend would not accept', async () => {
    const storage = memory();
    storage.setItem('dev', 'bad id!');
    const d = createDeviceIdentity({
      storage,
      key: 'dev',
      name: 'web',
      newId: () => 'inst-fixed01',
    });
    expect((await d.load()).id).toBe('inst-fixed01');
    expect(storage.m.get('dev')).toBe('inst-fixed01');
  });

  it('makes ids and names a header can carry', () => {
    expect(newInstallId(() => 0.5)).toBe(`inst-${'f'.repeat(22)}`);
    expect(asciiName('Ä'.repeat(5) + 'x'.repeat(200))).toHaveLength(100);
  });
});

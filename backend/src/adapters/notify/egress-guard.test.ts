import { describe, expect, it } from 'vitest';
import { AddressEgressGuard, parseCidr, refusalOf, type Resolver } from './egress-guard.js';

/** DNS is the boundary: a fixed table stands in for it (the real resolver is used for localhost). */
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook egress guard', () => {
  it('refuses private, loopback, link-local, metadata and reserved addresses by name', () => {
    const cases: [string, string | null][] = [
      ['169.254.169.254', 'metadata'],
      ['fd00:ec2::254', 'metadata'],
      ['168.63.129.16', 'metadata'],
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['10.1.2.3', 'private'],
      ['172.31.255.1', 'private'],
      ['192.168.0.10', 'private'],
      ['100.64.0.1', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.1.1', 'link_local'],
      ['fe80::1', 'link_local'],
      ['fe80::1%eth0', 'link_local'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['64:ff9b::7f00:1', 'reserved'],
      ['2002:7f00:1::', 'reserved'],
      ['93.184.215.14', null],
      ['172.32.0.1', null],
      ['2606:4700::1111', null],
    ];
    for (const [address, reason] of cases)
      expect([address, refusalOf(address)]).toEqual([address, reason]);
  });

  it('checks every address a name resolves to, and refuses names that do not resolve', async () => {
    const guard = new AddressEgressGuard({
      resolve: dns({
        'hooks.example.com': ['93.184.215.14'],
        'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
        'imds.example.com': ['169.254.169.254'],
      }),
    });
    expect(await guard.check('https://hooks.example.com/x')).toEqual({
      ok: true,
      addresses: [{ address: '93.184.215.14', family: 4 }],
    });
    expect(await guard.check('https://rebind.example.com/x')).toMatchObject({
      ok: false,
      reason: 'private',
    });
    expect(await guard.check('http://imds.example.com/latest/meta-data')).toMatchObject({
      ok: false,
      reason: 'metadata',
    });
    expect(await guard.check('https://nowhere.example.com/x')).toMatchObject({
      ok: false,
      reason: 'unresolvable',
    });
    expect(await guard.check('http://[::1]:8080/x')).toMatchObject({
      ok: false,
      reason: 'loopback',
    });
    expect(await guard.check('http://169.254.169.254/')).toMatchObject({ reason: 'metadata' });
    expect(await guard.check('ftp://hooks.example.com/x')).toMatchObject({ reason: 'scheme' });
    expect(await guard.check('https://u:p@hooks.example.com/x')).toMatchObject({
      reason: 'scheme',
    });
  });

  it('refuses localhost through the real resolver', async () => {
    expect(await new AddressEgressGuard().check('http://localhost:9/x')).toMatchObject({
      ok: false,
      reason: 'loopback',
    });
  });

  it('lets through exactly the ranges an operator allows, and no more', async () => {
    const guard = new AddressEgressGuard({
      allow: ['127.0.0.1/32', '10.20.0.0/16'],
      resolve: dns({ 'hooks.corp': ['10.20.3.4'], 'other.corp': ['10.21.0.1'] }),
    });
    expect(await guard.check('http://127.0.0.1:8080/x')).toMatchObject({ ok: true });
    expect(await guard.check('http://127.0.0.2:8080/x')).toMatchObject({ ok: false });
    expect(await guard.check('http://hooks.corp/x')).toMatchObject({ ok: true });
    expect(await guard.check('http://other.corp/x')).toMatchObject({
      ok: false,
      reason: 'private',
    });
    expect(await guard.check('http://169.254.169.254/')).toMatchObject({ ok: false });
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseCidr('hooks.corp')).toThrow(/not an IP/);
  });
});

import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type {
  CheckedAddress,
  EgressGuard,
  EgressRefusal,
  EgressVerdict,
} from '../../ports/egress-guard.js';

/** Resolves a host name to every address it has (tests give a fixed table: DNS is a boundary). */
export type Resolver = (host: string) => Promise<CheckedAddress[]>;

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

type Range = readonly [address: string, prefix: number];

/**
 * Ranges no webhook may reach, by why. Order matters: the first list that matches names the
 * refusal (a metadata address is also link-local; the metadata name is the more useful one).
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match the IPv4 ranges (BlockList does this).
 */
const REFUSED: readonly (readonly [EgressRefusal, readonly Range[]])[] = [
  [
    'metadata',
    [
      ['169.254.169.254', 32], // AWS, GCP, Azure IMDS, OpenStack
      ['169.254.170.2', 32], // AWS ECS task metadata
      ['100.100.100.200', 32], // Alibaba Cloud
      ['168.63.129.16', 32], // Azure WireServer: a public address that is not the internet
      ['fd00:ec2::254', 128], // AWS IMDS over IPv6
    ],
  ],
  [
    'unspecified',
    [
      ['0.0.0.0', 8],
      ['::', 128],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'link_local',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['100.64.0.0', 10], // carrier-grade NAT, often a provider's internal network
      ['fc00::', 7], // unique local
      ['fec0::', 10], // site-local (deprecated, still routed by some)
    ],
  ],
  [
    'multicast',
    [
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ],
  ],
  [
    'reserved',
    [
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['240.0.0.0', 4], // includes 255.255.255.255
      ['2001:db8::', 32],
      // Prefixes that embed an IPv4 address a gateway unwraps (NAT64, 6to4, Teredo): refused
      // whole rather than decoding what they carry.
      ['64:ff9b::', 96],
      ['64:ff9b:1::', 48],
      ['2002::', 16],
      ['2001::', 32],
      ['100::', 64], // discard-only
    ],
  ],
];

const familyOf = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

function blockListOf(ranges: readonly Range[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, familyOf(address));
  return list;
}

const REFUSED_LISTS = REFUSED.map(([reason, ranges]) => [reason, blockListOf(ranges)] as const);

/** "10.0.0.0/8", "127.0.0.1", "::1/128": an allow-list entry; throws on anything else. */
export function parseCidr(entry: string): Range {
  const [address = '', bits] = entry.trim().split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address or CIDR range: ${entry}`);
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max)
    throw new Error(`bad prefix length in ${entry}`);
  return [address, prefix];
}

/** Why an address is refused, or null when it is public (or allowed). */
export function refusalOf(address: string, allowed?: BlockList): EgressRefusal | null {
  // A zone id (fe80::1%eth0) names a local interface: never a public address.
  const bare = address.replace(/%.*$/, '');
  if (isIP(bare) === 0) return 'unresolvable';
  if (allowed?.check(bare, familyOf(bare))) return null;
  if (bare !== address) return 'link_local';
  for (const [reason, list] of REFUSED_LISTS) if (list.check(bare, familyOf(bare))) return reason;
  return null;
}

export interface AddressEgressGuardOptions {
  /** CIDR ranges the operator allows although they are not public (WEBHOOK_EGRESS_ALLOW). */
  allow?: readonly string[] | undefined;
  resolve?: Resolver | undefined;
}

/** EgressGuard over DNS and the address ranges above; see ports/egress-guard.ts. */
export class AddressEgressGuard implements EgressGuard {
  private readonly allowed: BlockList;
  private readonly resolve: Resolver;

  constructor(o: AddressEgressGuardOptions = {}) {
    this.allowed = blockListOf((o.allow ?? []).map(parseCidr));
    this.resolve = o.resolve ?? systemResolver;
  }

  async check(raw: string): Promise<EgressVerdict> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'scheme', detail: 'not a URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { ok: false, reason: 'scheme', detail: `${url.protocol} is not http(s)` };
    if (url.username || url.password)
      return { ok: false, reason: 'scheme', detail: 'credentials in the URL are not accepted' };
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: CheckedAddress[];
    const literal = isIP(host) !== 0;
    if (literal) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        addresses = [];
      }
      if (addresses.length === 0)
        return { ok: false, reason: 'unresolvable', detail: `${host} does not resolve` };
    }
    // Every answer must pass: a name that resolves to one public and one private address could
    // be connected to either.
    for (const a of addresses) {
      const reason = refusalOf(a.address, this.allowed);
      if (!reason) continue;
      const what = `a ${reason.replace('_', '-')} address`;
      return {
        ok: false,
        reason,
        detail: literal ? `${host} is ${what}` : `${host} resolves to ${what}`,
      };
    }
    return { ok: true, addresses };
  }
}

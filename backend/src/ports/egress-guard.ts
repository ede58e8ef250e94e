/**
 * Outbound HTTP to addresses users give (webhook endpoints). A URL is refused unless every address
 * its host resolves to is public, or inside a range the operator allowed; the request then goes
 * to exactly those checked addresses, so a DNS answer that changes between check and connect
 * (rebinding) cannot steer it inside the network.
 */
export type EgressRefusal =
  | 'scheme'
  | 'unresolvable'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export type EgressVerdict =
  | { ok: true; addresses: readonly CheckedAddress[] }
  | { ok: false; reason: EgressRefusal; detail: string };

export interface EgressGuard {
  check(url: string): Promise<EgressVerdict>;
}

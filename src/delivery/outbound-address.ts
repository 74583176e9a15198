/**
 * What kind of network an IP address belongs to, for the outbound destination policy
 * (src/delivery/outbound-policy.ts). Ranges follow the IANA special-purpose address
 * registries (RFC 6890 and its updates); an IPv6 address that carries an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address it reaches.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** The kinds of address the policy tells apart; only `public` is reachable by default. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type Range = readonly [network: string, prefix: number, kind: AddressKind];

/** IPv4 ranges, most specific first (the metadata address sits inside link-local). */
const ipv4Ranges: readonly Range[] = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, OpenStack instance metadata
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 dials the local host
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'], // shared address space (RFC 6598); Alibaba's metadata is 100.100.100.200
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // future use and the broadcast address
];

/** IPv6 ranges that carry no IPv4 address, most specific first. */
const ipv6Ranges: readonly Range[] = [
  ['fd00:ec2::254', 128, 'metadata'], // AWS instance metadata over IPv6
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 32, 'reserved'], // Teredo (an obfuscated IPv4 address)
  ['2001:db8::', 32, 'reserved'], // documentation
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local (deprecated)
  ['ff00::', 8, 'multicast'],
];

function blockListOf(ranges: readonly Range[], family: 'ipv4' | 'ipv6'): readonly [BlockList, AddressKind][] {
  return ranges.map(([network, prefix, kind]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, kind] as const;
  });
}

const ipv4Lists = blockListOf(ipv4Ranges, 'ipv4');
const ipv6Lists = blockListOf(ipv6Ranges, 'ipv6');

/** The kind of `address` (an IPv4 or IPv6 address in any textual form Node accepts). */
export function addressKind(address: string): AddressKind {
  if (isIPv4(address)) return kindIn(ipv4Lists, address, 'ipv4');
  const text = bareIPv6(address);
  const bytes = ipv6Bytes(text);
  if (bytes === undefined) return 'reserved';
  const embedded = embeddedIPv4(bytes);
  if (embedded !== undefined) return kindIn(ipv4Lists, embedded, 'ipv4');
  return kindIn(ipv6Lists, text, 'ipv6');
}

function kindIn(
  lists: readonly [BlockList, AddressKind][],
  address: string,
  family: 'ipv4' | 'ipv6',
): AddressKind {
  for (const [list, kind] of lists) if (list.check(address, family)) return kind;
  return 'public';
}

/**
 * The IPv4 address an IPv6 address delivers to: ::ffff:a.b.c.d (mapped), ::a.b.c.d
 * (compatible, deprecated), 64:ff9b::a.b.c.d (NAT64) and 2002:aabb:ccdd:: (6to4).
 */
function embeddedIPv4(bytes: Uint8Array): string | undefined {
  const zeroes = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0);
  const dotted = (at: number) => Array.from(bytes.subarray(at, at + 4)).join('.');
  if (zeroes(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(12);
  // ::/96 but not :: and ::1 themselves (classified as IPv6).
  if (zeroes(0, 12) && !zeroes(12, 15)) return dotted(12);
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeroes(4, 12))
    return dotted(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(2);
  return undefined;
}

/** An IPv6 address without brackets or zone index (`[fe80::1%eth0]` -> `fe80::1`). */
export function bareIPv6(address: string): string {
  return address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/** The 16 bytes of an IPv6 address (zone index ignored), or undefined when it is not one. */
export function ipv6Bytes(address: string): Uint8Array | undefined {
  const text = bareIPv6(address);
  if (!isIPv6(text)) return undefined;
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (isIPv4(last)) {
    tail = last.split('.').map(Number);
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all = [...leftGroups, ...new Array<number>(Math.max(0, missing)).fill(0), ...rightGroups];
  const bytes = new Uint8Array(16);
  all.slice(0, 8).forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

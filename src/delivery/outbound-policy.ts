/**
 * Where the ACS may send outbound requests (docs/security.md). The requestor names the
 * destination (threeDSServerURL in the AReq), so without a policy anyone who can post an AReq
 * could make the ACS call its own admin API, other local ports or a cloud metadata service.
 *
 * - ACS_OUTBOUND_ALLOW (host names, `*.` wildcards, IP addresses, CIDRs) is always allowed.
 * - Otherwise only public addresses are: loopback, private, link-local, CGNAT, unique-local,
 *   metadata, unspecified, multicast and reserved addresses are refused.
 * - In sandbox mode loopback is allowed too: testers run their 3DS Server on their own machine.
 *
 * The check is made on the resolved addresses (every one of them), and the client then dials
 * exactly the address checked, so DNS cannot answer differently the second time (rebinding).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { StartupError } from '../errors/index.ts';
import { type AddressKind, addressKind, bareIPv6 } from './outbound-address.ts';

/** The policy's settings (from configuration). */
export type OutboundPolicy = Readonly<{
  /** ACS_OUTBOUND_ALLOW entries, already split. */
  allow: readonly string[];
  /** ACS_SANDBOX: loopback is allowed by default. */
  sandbox: boolean;
  /** Largest answer read, in bytes (default 64 KiB). */
  maxReplyBytes?: number;
}>;

/** The allow-list, compiled. */
export type AllowList = Readonly<{
  hosts: ReadonlySet<string>;
  /** `*.example.com` as `.example.com`: any name that ends with it. */
  suffixes: readonly string[];
  addresses: BlockList;
}>;

/** A verdict on one destination. */
export type Verdict = Readonly<{ allowed: true } | { allowed: false; reason: string }>;

/** A bad ACS_OUTBOUND_ALLOW entry (refused when the client is created, so at start-up: config_invalid). */
export class OutboundPolicyError extends StartupError {
  constructor(entry: string) {
    super(
      'config_invalid',
      `ACS_OUTBOUND_ALLOW: "${entry}" is not a host name, *.wildcard, IP address or CIDR`,
    );
  }
}

const hostNamePattern =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Compiles ACS_OUTBOUND_ALLOW entries; throws OutboundPolicyError for one that is none of the forms. */
export function compileAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const addresses = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry.includes('/')) {
      const [network = '', prefixText = ''] = entry.split('/');
      const address = bareIPv6(network);
      const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
      const prefix = /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
      if (family === undefined || !(prefix >= 0 && prefix <= (family === 'ipv4' ? 32 : 128)))
        throw new OutboundPolicyError(raw);
      addresses.addSubnet(address, prefix, family);
      continue;
    }
    const wildcard = entry.startsWith('*.');
    const host = normalHost(wildcard ? entry.slice(2) : entry);
    if (host === undefined) throw new OutboundPolicyError(raw);
    if (isIPv4(host) || isIPv6(host)) {
      if (wildcard) throw new OutboundPolicyError(raw);
      addresses.addAddress(host, isIPv4(host) ? 'ipv4' : 'ipv6');
    } else if (!hostNamePattern.test(host)) {
      throw new OutboundPolicyError(raw);
    } else if (wildcard) {
      suffixes.push(`.${host}`);
    } else {
      hosts.add(host);
    }
  }
  return { hosts, suffixes, addresses };
}

/**
 * A host as the WHATWG URL parser normalises it (lower case, punycode, IPv4 in any of its
 * odd forms such as `127.1`, `2130706433` or `0x7f.0.0.1` as dotted decimal, IPv6 without
 * brackets), without a trailing dot; undefined when it is no valid host.
 */
export function normalHost(host: string): string | undefined {
  try {
    const name = new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`)
      .hostname;
    return bareIPv6(name).replace(/\.$/, '') || undefined;
  } catch {
    return undefined;
  }
}

/** True when the host name itself is on the allow-list (then any address it resolves to is). */
export function hostAllowed(list: AllowList, host: string): boolean {
  if (list.hosts.has(host)) return true;
  return list.suffixes.some((suffix) => host.endsWith(suffix));
}

const kindWords: Readonly<Record<Exclude<AddressKind, 'public'>, string>> = {
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  cgnat: 'a shared (CGNAT) address',
  'unique-local': 'a unique-local address',
  metadata: 'a cloud metadata address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

/** The verdict on dialling `address` under `policy` (the host name not being allowed by name). */
export function addressVerdict(list: AllowList, sandbox: boolean, address: string): Verdict {
  const bare = bareIPv6(address);
  const family = isIPv4(bare) ? 'ipv4' : 'ipv6';
  if (list.addresses.check(bare, family)) return { allowed: true };
  const kind = addressKind(bare);
  if (kind === 'public' || (kind === 'loopback' && sandbox)) return { allowed: true };
  return {
    allowed: false,
    reason: `${bare} is ${kindWords[kind]}; list it in ACS_OUTBOUND_ALLOW to allow it`,
  };
}

import { describe, expect, it } from 'vitest';
import { addressKind } from '../../../src/delivery/outbound-address.ts';
import {
  addressVerdict,
  compileAllowList,
  hostAllowed,
  normalHost,
  OutboundPolicyError,
} from '../../../src/delivery/outbound-policy.ts';

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.100.100.200', 'cgnat'],
    ['fd12:3456::1', 'unique-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'metadata'],
  ])('an IPv6 address carrying IPv4 is judged by it: %s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe('normalHost', () => {
  it.each([
    ['127.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['LOCALHOST.', 'localhost'],
    ['[::FFFF:127.0.0.1]', '::ffff:7f00:1'],
    ['::1', '::1'],
    ['Bücher.example', 'xn--bcher-kva.example'],
  ])('%s reads as %s, as the URL parser reads it', (host, normal) => {
    expect(normalHost(host)).toBe(normal);
  });

  it('refuses what is no host', () => {
    expect(normalHost('a b')).toBeUndefined();
    expect(normalHost('')).toBeUndefined();
  });
});

describe('the allow-list', () => {
  const list = compileAllowList([
    'threeds.example.com',
    '*.psp.example',
    '10.1.2.3',
    '192.168.0.0/16',
    'fd00::/8',
    '127.1',
  ]);

  it('allows listed names and names under a wildcard, not the wildcard parent', () => {
    expect(hostAllowed(list, 'threeds.example.com')).toBe(true);
    expect(hostAllowed(list, 'a.psp.example')).toBe(true);
    expect(hostAllowed(list, 'b.a.psp.example')).toBe(true);
    expect(hostAllowed(list, 'psp.example')).toBe(false);
    expect(hostAllowed(list, 'evilpsp.example')).toBe(false);
    expect(hostAllowed(list, 'example.com')).toBe(false);
  });

  it('allows listed addresses and CIDRs of any kind, outside sandbox mode too', () => {
    for (const address of ['10.1.2.3', '192.168.44.5', 'fd00:1::5', '127.0.0.1']) {
      expect(addressVerdict(list, false, address)).toEqual({ allowed: true });
    }
    expect(addressVerdict(list, false, '10.1.2.4')).toMatchObject({ allowed: false });
  });

  it('refuses every non-public kind outside sandbox mode, naming the reason', () => {
    const empty = compileAllowList([]);
    expect(addressVerdict(empty, false, '8.8.8.8')).toEqual({ allowed: true });
    for (const address of [
      '127.0.0.1',
      '::1',
      '10.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      'fd00:ec2::254',
      '0.0.0.0',
    ]) {
      const verdict = addressVerdict(empty, false, address);
      expect(verdict.allowed, address).toBe(false);
      expect(verdict).toMatchObject({ reason: expect.stringContaining('ACS_OUTBOUND_ALLOW') });
    }
    expect(addressVerdict(empty, false, '169.254.169.254')).toMatchObject({
      reason: expect.stringContaining('metadata'),
    });
  });

  it('allows loopback in sandbox mode, and nothing else more', () => {
    const empty = compileAllowList([]);
    expect(addressVerdict(empty, true, '127.0.0.1')).toEqual({ allowed: true });
    expect(addressVerdict(empty, true, '::1')).toEqual({ allowed: true });
    expect(addressVerdict(empty, true, '::ffff:127.0.0.1')).toEqual({ allowed: true });
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '100.64.0.1']) {
      expect(addressVerdict(empty, true, address).allowed, address).toBe(false);
    }
  });

  it.each(['not a host', '10.0.0.0/33', '10.0.0.0/x', 'example.com:8443', '*.10.0.0.1', 'http://x'])(
    'refuses the entry %s when compiled',
    (entry) => {
      expect(() => compileAllowList([entry])).toThrow(OutboundPolicyError);
    },
  );
});

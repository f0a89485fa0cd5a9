import { isIP } from 'node:net';

/**
 * What kind of address an IP is, for the guard against server-side request forgery: a feed URL typed by a user
 * must not make Vigie read the cloud metadata service, an admin page on localhost or a host on the office LAN.
 * Everything but `public` is refused unless private URLs are allowed by setting.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'invalid';

/** Words for messages: "resolves to 10.0.0.5, a private address". */
export const ADDRESS_CLASS_LABEL: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'loopback',
  private: 'private-network',
  'link-local': 'link-local',
  cgnat: 'carrier-grade NAT (shared)',
  'unique-local': 'unique-local (private IPv6)',
  metadata: 'cloud metadata service',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved (non-routable)',
  invalid: 'invalid',
};

interface Range<T> {
  base: T;
  bits: number;
  class: Exclude<AddressClass, 'public'>;
}

const v4 = (cidr: string, cls: Exclude<AddressClass, 'public'>): Range<number> => {
  const [base = '', bits = '32'] = cidr.split('/');
  return { base: parseIPv4(base) ?? 0, bits: Number(bits), class: cls };
};

// Most specific first: the first range that contains the address names its class.
const IPV4_RANGES: readonly Range<number>[] = [
  v4('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack, Oracle
  v4('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  v4('255.255.255.255/32', 'broadcast'),
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'cgnat'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'),
  v4('192.0.2.0/24', 'reserved'),
  v4('192.88.99.0/24', 'reserved'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'reserved'),
  v4('198.51.100.0/24', 'reserved'),
  v4('203.0.113.0/24', 'reserved'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

const v6 = (cidr: string, cls: Exclude<AddressClass, 'public'>): Range<bigint> => {
  const [base = '', bits = '128'] = cidr.split('/');
  return { base: parseIPv6(base) ?? 0n, bits: Number(bits), class: cls };
};

const IPV6_RANGES: readonly Range<bigint>[] = [
  v6('fd00:ec2::254/128', 'metadata'), // AWS IMDS over IPv6
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('100::/64', 'reserved'), // discard
  v6('2001:db8::/32', 'reserved'), // documentation
  v6('fc00::/7', 'unique-local'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'private'), // deprecated site-local
  v6('ff00::/8', 'multicast'),
];

/**
 * IPv6 prefixes that carry an IPv4 address inside: the embedded IPv4 decides, so that `::ffff:127.0.0.1`,
 * `64:ff9b::a9fe:a9fe` (NAT64) or `2002:7f00:1::` (6to4) cannot smuggle a loopback or metadata address.
 */
const EMBEDDED_IPV4: readonly { prefix: Range<bigint>; shift: bigint }[] = [
  { prefix: v6('::ffff:0:0/96', 'reserved'), shift: 0n }, // IPv4-mapped
  { prefix: v6('::/96', 'reserved'), shift: 0n }, // IPv4-compatible (deprecated)
  { prefix: v6('64:ff9b::/96', 'reserved'), shift: 0n }, // NAT64
  { prefix: v6('64:ff9b:1::/48', 'reserved'), shift: 0n }, // local-use NAT64
  { prefix: v6('2002::/16', 'reserved'), shift: 80n }, // 6to4
];

/** The class of one IP address (IPv4, IPv6, IPv6 with a zone id or in brackets). */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return classifyIPv4(parseIPv4(ip) ?? 0);
  if (family === 6) {
    const value = parseIPv6(ip);
    return value === undefined ? 'invalid' : classifyIPv6(value);
  }
  return 'invalid';
}

function classifyIPv4(value: number): AddressClass {
  for (const range of IPV4_RANGES) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === (range.base & mask) >>> 0) return range.class;
  }
  return 'public';
}

function inRange(value: bigint, range: Range<bigint>): boolean {
  const shift = BigInt(128 - range.bits);
  return value >> shift === range.base >> shift;
}

function classifyIPv6(value: bigint): AddressClass {
  for (const range of IPV6_RANGES) if (inRange(value, range)) return range.class;
  for (const { prefix, shift } of EMBEDDED_IPV4) {
    if (inRange(value, prefix)) return classifyIPv4(Number((value >> shift) & 0xffffffffn));
  }
  return 'public';
}

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  let head = text;
  const groups: number[] = [];
  // A dotted IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  let tailGroups: number[] = [];
  if (tail?.[1]) {
    const ipv4 = parseIPv4(tail[1]);
    if (ipv4 === undefined) return undefined;
    tailGroups = [ipv4 >>> 16, ipv4 & 0xffff];
    head = head.slice(0, tail.index + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined): number[] | undefined => {
    if (!part) return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const left = parse(halves[0]);
  const right = parse(halves[1]);
  if (!left || !right) return undefined;
  const explicit = left.length + right.length + tailGroups.length;
  if (halves.length === 1 && explicit !== 8) return undefined;
  if (halves.length === 2 && explicit > 7) return undefined;
  groups.push(...left, ...new Array<number>(8 - explicit).fill(0), ...right, ...tailGroups);
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

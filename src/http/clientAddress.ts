import type { Request } from 'restify';

/**
 * The address rate limits count per client. Behind a reverse proxy (TRUST_PROXY) every request comes
 * from the proxy, so the client is taken from X-Forwarded-For: its **last** entry, the one our own proxy
 * appended — earlier entries are whatever the client sent and would let it pick a fresh bucket per
 * request. Azure App Service's front ends append the client's port ("203.0.113.5:51234"); without
 * stripping it every connection would count as a new client.
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = entries
      .map((e) => e.trim())
      .filter((e) => e.length > 0)
      .at(-1);
    if (last) return withoutPort(last);
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** "1.2.3.4:80" → "1.2.3.4", "[2001:db8::1]:80" → "2001:db8::1"; bare IPv6 addresses stay as they are. */
export function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (v4?.[1]) return v4[1];
  return address;
}

/**
 * The key rate limits count a client by: IPv4 addresses as they are, IPv4-mapped IPv6 (`::ffff:1.2.3.4`,
 * how a dual-stack socket reports IPv4 clients) as the IPv4 address, and other IPv6 addresses by their
 * first 64 bits (`2001:db8:1:2::/64`): one subscriber usually gets a whole /64 and can pick any address
 * in it, so counting full addresses would give them 2^64 buckets. Pure string work, no lookups.
 */
export function rateLimitKey(address: string): string {
  const bare = address.trim().replace(/%.*$/, '').toLowerCase(); // zone id ("fe80::1%eth0") is local detail
  if (isIPv4(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return bare.slice(0, 64); // not an address (e.g. "unknown"): bounded, counted as given
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted IPv4), or undefined. */
function ipv6Groups(s: string): number[] | undefined {
  if (s.length > 45 || !s.includes(':')) return undefined;
  let text = s;
  const tail: number[] = [];
  const v4 = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4?.[1] !== undefined && v4[2] !== undefined) {
    if (!isIPv4(v4[2])) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = v4[2].split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  if (!head || !rest) return undefined;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1) return given === 8 ? [...head, ...tail] : undefined;
  if (given > 7) return undefined;
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
}

/** `clientAddress` as a rate-limit key (IPv6 per /64, IPv4-mapped as IPv4). */
export function clientKey(req: Request, trustProxy: boolean): string {
  return rateLimitKey(clientAddress(req, trustProxy));
}

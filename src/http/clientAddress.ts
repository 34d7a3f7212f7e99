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
    const last = entries.map((e) => e.trim()).filter((e) => e.length > 0).at(-1);
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

/** /.well-known/security.txt (RFC 9116): where to report a vulnerability in this service. */
import type restify from 'restify';
import type { Request, Response } from 'restify';

export interface SecurityTxtOptions {
  /** SECURITY_CONTACT: a mailto: or https: URI; when unset it is derived from contactAddress. */
  readonly contact: string | undefined;
  /** CONTACT_ADDRESS: used when it is an e-mail address (→ mailto:) or an https URL. */
  readonly contactAddress: string;
  /** PUBLIC_BASE_URL: the file names its own canonical address. */
  readonly publicBaseUrl: string;
  /** Expires is one year after this (default: now, the service's start), so a running release never serves a stale file. */
  readonly startedAt?: Date;
}

const EMAIL = /^[^\s@:/]+@[^\s@/]+\.[^\s@/]+$/;

/** SECURITY_CONTACT as configured, else CONTACT_ADDRESS when it is an e-mail address or an https URL, else none. */
export function securityContact(configured: string | undefined, contactAddress: string): string | undefined {
  if (configured !== undefined) return configured;
  const address = contactAddress.trim();
  if (EMAIL.test(address)) return `mailto:${address}`;
  if (/^mailto:\S+$/i.test(address) || /^https:\/\/\S+$/i.test(address)) return address;
  return undefined;
}

/** The file's text, or undefined when no contact can be named (Contact is required). */
export function securityTxt(options: SecurityTxtOptions): string | undefined {
  const contact = securityContact(options.contact, options.contactAddress);
  if (contact === undefined) return undefined;
  const expires = new Date((options.startedAt ?? new Date()).getTime());
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    'Preferred-Languages: de, en',
    `Canonical: ${options.publicBaseUrl.replace(/\/+$/, '')}/.well-known/security.txt`,
    '',
  ].join('\n');
}

/** Mounts the file when a contact is known; returns whether it did. */
export function mountSecurityTxt(server: restify.Server, options: SecurityTxtOptions): boolean {
  const text = securityTxt(options);
  if (text === undefined) return false;
  const body = Buffer.from(text, 'utf8');
  server.get('/.well-known/security.txt', async (_req: Request, res: Response) => {
    res.sendRaw(200, body, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  });
  return true;
}

/**
 * X-Content-Type-Options on every answer (also restify's own 404/405 and our errors), no
 * Server banner, Strict-Transport-Security only for https (directly, or per X-Forwarded-Proto behind
 * TRUST_PROXY), and /.well-known/security.txt. Real service on 127.0.0.1.
 */
import type { Request } from 'restify';
import { ConfigError, loadConfig } from '../../src/config';
import { requestIsHttps } from '../../src/http/server';
import { securityContact, securityTxt } from '../../src/http/securityTxt';
import { message, newParticipant, webchat } from '../support/activities';
import { startTestService, type TestService } from '../support/service';

const HSTS = 'max-age=31536000; includeSubDomains';

/** Every kind of answer the service gives: pages, JSON, our errors and restify's own. */
const ANSWERS: readonly { what: string; path: string; init?: RequestInit; status: number }[] = [
  { what: 'health', path: '/healthz', status: 200 },
  { what: 'readiness', path: '/readyz', status: 200 },
  { what: 'web chat page', path: '/', status: 200 },
  { what: 'restify 404 (no route)', path: '/no/such/thing?x=1', status: 404 },
  { what: 'restify 405 (wrong method)', path: '/api/messages', status: 405 },
  { what: 'our 404', path: '/api/exports/questionnaire/XX.pdf', status: 404 },
  { what: 'our 401', path: '/api/dashboard/me', status: 401 },
  {
    what: 'our 413',
    path: '/api/messages',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(70_000)}"` },
    status: 413,
  },
  {
    what: 'our 415',
    path: '/api/messages',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip',
    },
    status: 415,
  },
  {
    what: 'our 400',
    path: '/api/messages',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' },
    status: 400,
  },
  { what: 'security.txt', path: '/.well-known/security.txt', status: 200 },
];

describe('response headers of the real service', () => {
  let plain: TestService;
  let proxied: TestService;
  beforeAll(async () => {
    plain = await startTestService({
      MAX_BODY_BYTES: '65536',
      SECURITY_CONTACT: 'mailto:security@example.org',
      PUBLIC_BASE_URL: 'https://bot.example.org',
    });
    proxied = await startTestService({ TRUST_PROXY: 'true', WEBCHAT_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => {
    await plain.stop();
    await proxied.stop();
  });

  it.each(ANSWERS)(
    '$what ($status): nosniff, no Server banner, no HSTS over plain http',
    async ({ path, init, status }) => {
      const res = await fetch(`${plain.url}${path}`, init);
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('server')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('a turn answer carries the same headers', async () => {
    const res = await fetch(`${plain.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message(webchat, newParticipant(), 'hilfe'), deliveryMode: 'expectReplies' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('server')).toBeNull();
  });

  it('without TRUST_PROXY a client cannot ask for HSTS with X-Forwarded-Proto', async () => {
    const res = await fetch(`${plain.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it.each([
    ['https', HSTS],
    ['http', null],
    ['http, https', HSTS],
    // The last entry is the one our proxy appended; an earlier "https" is whatever the client sent.
    ['https, http', null],
    [undefined, null],
  ])('with TRUST_PROXY, X-Forwarded-Proto %s → HSTS %s (also on 404s)', async (proto, expected) => {
    for (const path of ['/healthz', '/no/such/thing']) {
      const res = await fetch(`${proxied.url}${path}`, {
        headers: proto === undefined ? {} : { 'x-forwarded-proto': proto },
      });
      expect(res.headers.get('strict-transport-security')).toBe(expected);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves /.well-known/security.txt (RFC 9116) with the configured contact, a year ahead', async () => {
    const started = Date.now();
    const res = await fetch(`${plain.url}/.well-known/security.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines).toEqual([
      'Contact: mailto:security@example.org',
      expect.stringMatching(/^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'Preferred-Languages: de, en',
      'Canonical: https://bot.example.org/.well-known/security.txt',
    ]);
    const expires = Date.parse(lines[1]?.slice('Expires: '.length) ?? '');
    const year = 365 * 24 * 3600 * 1000;
    expect(expires - started).toBeGreaterThan(year - 120_000);
    expect(expires - started).toBeLessThanOrEqual(year + 24 * 3600 * 1000);
  });
});

describe('https detection', () => {
  const req = (secure: boolean, proto?: string | string[]) =>
    ({
      isSecure: () => secure,
      headers: proto === undefined ? {} : { 'x-forwarded-proto': proto },
    }) as unknown as Request;
  it('is https over TLS, or behind a trusted proxy per the last X-Forwarded-Proto entry', () => {
    expect(requestIsHttps(req(true), false)).toBe(true);
    expect(requestIsHttps(req(false, 'https'), false)).toBe(false);
    expect(requestIsHttps(req(false, 'https'), true)).toBe(true);
    expect(requestIsHttps(req(false, ['http', 'HTTPS']), true)).toBe(true);
    expect(requestIsHttps(req(false, 'https,http'), true)).toBe(false);
    expect(requestIsHttps(req(false, ''), true)).toBe(false);
  });
});

describe('security.txt contact', () => {
  it('takes SECURITY_CONTACT, else derives it from CONTACT_ADDRESS (e-mail → mailto:, https URL as is)', () => {
    expect(securityContact('https://example.org/security', 'info@example.org')).toBe('https://example.org/security');
    expect(securityContact(undefined, 'info@example.org')).toBe('mailto:info@example.org');
    expect(securityContact(undefined, 'https://www.weltoffene-kommune.de')).toBe('https://www.weltoffene-kommune.de');
    expect(securityContact(undefined, 'Rathaus, Zimmer 3')).toBeUndefined();
    expect(
      securityTxt({ contact: undefined, contactAddress: 'Rathaus', publicBaseUrl: 'https://x.example' }),
    ).toBeUndefined();
    expect(
      securityTxt({
        contact: undefined,
        contactAddress: 'a@b.de',
        publicBaseUrl: 'https://x.example/',
        startedAt: new Date('2026-02-28T12:00:00.123Z'),
      }),
    ).toBe(
      'Contact: mailto:a@b.de\nExpires: 2027-02-28T12:00:00Z\nPreferred-Languages: de, en\nCanonical: https://x.example/.well-known/security.txt\n',
    );
  });

  it('config accepts mailto: and https: URIs only', () => {
    expect(loadConfig({ SECURITY_CONTACT: 'mailto:sec@example.org' }).securityContact).toBe('mailto:sec@example.org');
    expect(loadConfig({ SECURITY_CONTACT: 'https://example.org/vdp' }).securityContact).toBe('https://example.org/vdp');
    expect(loadConfig({}).securityContact).toBeUndefined();
    expect(() => loadConfig({ SECURITY_CONTACT: 'http://example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ SECURITY_CONTACT: 'sec@example.org' })).toThrow(/SECURITY_CONTACT/);
  });
});

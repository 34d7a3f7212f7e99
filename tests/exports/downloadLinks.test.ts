/**
 * Opaque download links (issue #16): what the bot hands out carries nothing personal; POST /api/downloads
 * redeems a token once, within its lifetime, for the issuer's current role; forged and replayed tokens are
 * refused; every issue and download is in the audit trail, under pseudonyms.
 */
import { randomBytes } from 'node:crypto';
import { exportLinkCard } from '../../cards/exportLinkCard';
import { InMemoryRateLimits } from '../../src/infrastructure/directline/rateLimiter';
import { DOWNLOAD_RATE } from '../../src/http/downloads';
import { MUNICIPALITY, RESPONDENT_KEYS } from './seed';
import {
  COORDINATOR,
  LEAD,
  OTHER_LEAD,
  PUBLIC_BASE,
  START,
  auditRows,
  startExportHarness,
  tokenOf,
  type ExportHarness,
} from './harness';

const personal = { locale: 'de', place: 'personal' } as const;
const MINUTE = 60_000;

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { code: string }).code;
}

describe('opaque download links', () => {
  let h: ExportHarness;
  beforeAll(async () => {
    h = await startExportHarness();
  }, 60_000);
  afterAll(async () => h.close());
  beforeEach(() => {
    h.now = START;
  });

  async function issue(key = LEAD, format: 'pdf' | 'csv' | 'json' = 'csv', locale: 'de' | 'en' = 'de') {
    const link = await h.commands.exportLink(key, MUNICIPALITY, format, { locale, place: 'personal' });
    if (link.kind !== 'link') throw new Error(link.kind);
    return link;
  }

  it('hands out a URL with nothing personal in it: the public address, /download/ and a random token after #', async () => {
    const link = await issue();
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe(`${PUBLIC_BASE}/download/`);
    expect(url.search).toBe('');
    expect(url.hash).toMatch(/^#[A-Za-z0-9_-]{43}$/);
    for (const personalPart of [LEAD, 'lead-tf', 'aad', MUNICIPALITY, Buffer.from(LEAD).toString('base64url')])
      expect(link.url).not.toContain(personalPart);
    // The stored row has the token's hash only.
    const token = tokenOf(link.url);
    const rows = await h.db.prisma.downloadLink.findMany({ where: { issuer: LEAD } });
    expect(JSON.stringify(rows)).not.toContain(token);
    // The card shows the same URL and says how long and how often it works.
    const card = exportLinkCard({ municipalityName: 'X', format: 'csv', url: link.url, ttlMinutes: 15, locale: 'de' });
    expect(card.card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Herunterladen', url: link.url }]);
    expect(card.text).toContain('15 Minuten und für einen Download');
    // Two links are never the same.
    expect(tokenOf((await issue()).url)).not.toBe(token);
  });

  it('downloads once (200, the format’s content type, no-store); the replay gets 410 LinkUsed', async () => {
    const token = tokenOf((await issue(LEAD, 'csv')).url);
    const first = await h.redeem({ token });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lk-teltow-flaeming-runde-1-antworten\.csv"$/,
    );
    expect(await first.text()).toContain('Befragte 1');

    const replay = await h.redeem({ token });
    expect(replay.status).toBe(410);
    expect(await codeOf(replay)).toBe('LinkUsed');

    const pdf = await h.redeem({ token: tokenOf((await issue(COORDINATOR, 'pdf', 'en')).url) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('of two simultaneous redeems of one link exactly one gets the file', async () => {
    const token = tokenOf((await issue(LEAD, 'json')).url);
    const answers = await Promise.all([h.redeem({ token }), h.redeem({ token }), h.redeem({ token })]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410, 410]);
    const row = await h.db.prisma.downloadLink.findFirst({ where: { issuer: LEAD, format: 'json' } });
    expect(row?.uses).toBe(1);
  });

  it('expires after the configured lifetime (injected clock): 410 LinkExpired', async () => {
    const early = tokenOf((await issue()).url);
    const late = tokenOf((await issue()).url);
    h.now = new Date(START.getTime() + 14 * MINUTE + 59_000);
    expect((await h.redeem({ token: early })).status).toBe(200);
    h.now = new Date(START.getTime() + 15 * MINUTE);
    const expired = await h.redeem({ token: late });
    expect(expired.status).toBe(410);
    expect(await codeOf(expired)).toBe('LinkExpired');
  });

  it('expires when its expires_at lies in the past (as another instance would see it)', async () => {
    const token = tokenOf((await issue()).url);
    await h.db.prisma.downloadLink.updateMany({
      where: { issuer: LEAD, uses: 0 },
      data: { expiresAt: new Date(START.getTime() - 1000) },
    });
    const res = await h.redeem({ token });
    expect(res.status).toBe(410);
    expect(await codeOf(res)).toBe('LinkExpired');
  });

  it('a forged token of the right shape gets 404, the same answer as a link swept long after expiry', async () => {
    const forged = await h.redeem({ token: randomBytes(32).toString('base64url') });
    expect(forged.status).toBe(404);
    const forgedBody = await forged.json();
    expect(forgedBody).toEqual({ code: 'UnknownLink', message: expect.stringMatching(/new one/) as unknown });

    const token = tokenOf((await issue()).url);
    // A later issue sweeps links that expired more than an hour before.
    h.now = new Date(START.getTime() + 90 * MINUTE);
    await issue(COORDINATOR);
    expect(
      await h.db.prisma.downloadLink.count({ where: { expiresAt: { lt: new Date(START.getTime() + 30 * MINUTE) } } }),
    ).toBe(0);
    const swept = await h.redeem({ token });
    expect(swept.status).toBe(404);
    expect(await swept.json()).toEqual(forgedBody);
  });

  it('refuses malformed tokens and bodies with 400/413/415 before any database work', async () => {
    const before = h.redeems;
    const token = tokenOf((await issue()).url);
    const cases: [string, Parameters<ExportHarness['redeem']>, number][] = [
      ['too short', [{ token: token.slice(1) }], 400],
      ['one character too many', [{ token: `${token}A` }], 400],
      ['a character outside base64url', [{ token: `${token.slice(1)}.` }], 400],
      ['not a string', [{ token: 12345 }], 400],
      ['an array', [[token]], 400],
      ['no token', [{}], 400],
      ['empty body', [undefined, { raw: '' }], 400],
      ['not JSON', [undefined, { raw: `token=${token}` }], 400],
      ['JSON that is too deep', [undefined, { raw: `{"token":{"a":{"b":"${token}"}}}` }], 400],
      ['oversize body', [undefined, { raw: JSON.stringify({ token, pad: 'x'.repeat(10_000) }) }], 413],
      [
        'not JSON typed',
        [undefined, { raw: JSON.stringify({ token }), headers: { 'content-type': 'text/plain' } }],
        415,
      ],
    ];
    for (const [what, args, status] of cases) {
      const res = await h.redeem(...args);
      expect([what, res.status]).toEqual([what, status]);
    }
    expect(h.redeems).toBe(before);
    // The real link was not spent by any of it.
    expect((await h.redeem({ token })).status).toBe(200);
  });

  it('stops a link when the issuer loses the role after it was issued: 403', async () => {
    const key = 'aad:t:lead-temp';
    await h.grants.grant(key, { role: 'lead', municipalityId: MUNICIPALITY });
    const kept = tokenOf((await issue(key, 'json')).url);
    const revoked = tokenOf((await issue(key, 'json')).url);
    expect((await h.redeem({ token: kept })).status).toBe(200);
    await h.grants.revoke(key, { role: 'lead', municipalityId: MUNICIPALITY });
    const res = await h.redeem({ token: revoked });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain('Befragte');
  });

  it('refuses the download when the audit trail cannot record it, and the link stays spent', async () => {
    const token = tokenOf((await issue()).url);
    h.failAudit = true;
    try {
      const res = await h.redeem({ token });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('Befragte');
    } finally {
      h.failAudit = false;
    }
    expect(await codeOf(await h.redeem({ token }))).toBe('LinkUsed');
  });

  it('records the issue and the download in audit_event with pseudonyms, never the identity key', async () => {
    const before = (await auditRows(h.db)).length;
    const token = tokenOf((await issue(COORDINATOR, 'pdf')).url);
    expect((await h.redeem({ token })).status).toBe(200);
    expect((await h.redeem({ token })).status).toBe(410); // a replay is not a download
    const added = (await auditRows(h.db)).slice(before);
    const pseudonym = (await h.db.prisma.auditPseudonym.findUnique({ where: { identityKey: COORDINATOR } }))?.pseudonym;
    expect(pseudonym).toMatch(/^P-[0-9A-Z]{8}$/);
    expect(added).toEqual([
      {
        action: 'export_issued',
        actor: pseudonym,
        subject: null,
        municipalityId: MUNICIPALITY,
        detail: { format: 'pdf', via: 'link' },
      },
      {
        action: 'export_downloaded',
        actor: pseudonym,
        subject: null,
        municipalityId: MUNICIPALITY,
        detail: { format: 'pdf', via: 'link' },
      },
    ]);
    const raw = JSON.stringify(
      await h.db.prisma.$queryRawUnsafe('SELECT actor, subject, detail::text AS d FROM audit_event'),
    );
    expect(raw).not.toContain('aad:');
    expect(raw).not.toContain(token);
  });

  it('the command denies respondents and other leads without a link, revealing nothing', async () => {
    const count = await h.db.prisma.downloadLink.count();
    expect(await h.commands.exportLink(RESPONDENT_KEYS[1], MUNICIPALITY, 'pdf', personal)).toEqual({ kind: 'denied' });
    expect(await h.commands.exportLink(OTHER_LEAD, MUNICIPALITY, 'pdf', personal)).toEqual({ kind: 'denied' });
    expect(await h.commands.exportLink(OTHER_LEAD, 'atlantis', 'pdf', personal)).toEqual({ kind: 'denied' });
    expect(await h.commands.exportLink(COORDINATOR, 'atlantis', 'pdf', personal)).toEqual({
      kind: 'unknown_municipality',
    });
    expect(await h.db.prisma.downloadLink.count()).toBe(count);
  });

  it('in a channel hands out no link but the dashboard view, and records the issue as via dashboard', async () => {
    const count = await h.db.prisma.downloadLink.count();
    const before = (await auditRows(h.db)).length;
    const result = await h.commands.exportLink(LEAD, MUNICIPALITY, 'csv', { locale: 'de', place: 'channel' });
    expect(result).toMatchObject({ kind: 'dashboard', url: `${PUBLIC_BASE}/dashboard/?municipality=${MUNICIPALITY}` });
    expect(await h.db.prisma.downloadLink.count()).toBe(count);
    expect((await auditRows(h.db)).slice(before).map((r) => r.detail)).toEqual([{ format: 'csv', via: 'dashboard' }]);
  });
});

describe('download rate limit', () => {
  it('answers 429 with Retry-After once one address is past its limit, before reading the body', async () => {
    const h = await startExportHarness({ rateLimits: new InMemoryRateLimits(), seed: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= DOWNLOAD_RATE.limit; i++) statuses.push((await h.redeem({ token: 'x' })).status);
      expect(statuses.slice(0, DOWNLOAD_RATE.limit).every((s) => s === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const limited = await h.redeem({ token: randomBytes(32).toString('base64url') });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(h.redeems).toBe(0);
    } finally {
      await h.close();
    }
  }, 60_000);
});

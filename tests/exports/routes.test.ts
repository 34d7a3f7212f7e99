import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';
import restify from 'restify';
import type { Database } from '../../src/infrastructure/db/database';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { mountExports } from '../../src/http/exports';
import { AccessService } from '../../src/services/accessService';
import { ExportCommands, ExportLinkSigner } from '../../src/services/exportService';
import { exportLinkCard } from '../../cards/exportLinkCard';
import { openMigratedTestDatabase } from '../support/testDatabase';
import { MUNICIPALITY, MUNICIPALITY_NAME, RESPONDENT_KEYS, seedMunicipality, services } from './seed';

const COORDINATOR = 'aad:t:coordinator';
const LEAD = 'aad:t:lead-tf';
const OTHER_LEAD = 'aad:t:lead-potsdam';
const SECRET = 'x'.repeat(40);
/** Fake bearer validation: the token is the identity key (the real one validates AAD tokens). */
const TOKENS: Record<string, string> = {
  'tok-coord': COORDINATOR,
  'tok-lead': LEAD,
  'tok-other': OTHER_LEAD,
  'tok-resp': RESPONDENT_KEYS[0],
};

describe('/api/exports', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let server: restify.Server;
  let base: string;
  let clock = new Date('2026-03-02T10:00:00Z');
  let commands: ExportCommands;
  const access = new MemoryAccessRepository();

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    await seedMunicipality(db);
    await access.grant(COORDINATOR, { role: 'coordinator' });
    await access.grant(LEAD, { role: 'lead', municipalityId: MUNICIPALITY });
    await access.grant(OTHER_LEAD, { role: 'lead', municipalityId: 'potsdam' });
    const accessService = new AccessService({
      access,
      respondents: new PrismaRespondentRepository(db.prisma),
      bootstrap: { objectIds: [], tenantIds: [] },
    });
    const signer = new ExportLinkSigner(SECRET, 15 * 60, { now: () => clock });
    commands = new ExportCommands({
      access: accessService,
      municipalities: new PrismaMunicipalityRepository(db.prisma),
      signer,
    });
    server = restify.createServer({ handleUncaughtExceptions: false });
    mountExports(server, {
      exports: services(db).exports,
      access: accessService,
      signer,
      authenticate: (req) => Promise.resolve(TOKENS[(req.header('authorization') ?? '').replace(/^Bearer /, '')]),
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    base = `http://127.0.0.1:${server.address().port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    await dispose();
  });
  beforeEach(() => {
    clock = new Date('2026-03-02T10:00:00Z');
  });

  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it.each([
    ['coordinator', 'tok-coord', MUNICIPALITY, 200],
    ['coordinator, other municipality without a round', 'tok-coord', 'potsdam', 404],
    ['lead, own municipality', 'tok-lead', MUNICIPALITY, 200],
    ['lead, other municipality', 'tok-other', MUNICIPALITY, 403],
    ['respondent of the municipality', 'tok-resp', MUNICIPALITY, 403],
    ['unknown token', 'tok-nobody', MUNICIPALITY, 401],
  ])('bearer: %s → %i', async (_who, token, municipality, status) => {
    for (const file of ['answers.csv', 'answers.json', 'report.pdf']) {
      const res = await get(`/api/exports/${municipality}/${file}`, token);
      expect(res.status).toBe(status);
      if (status === 200) {
        const body = Buffer.from(await res.arrayBuffer());
        expect(res.headers.get('cache-control')).toBe('no-store');
        if (file === 'answers.csv') expect(body.toString('utf8')).toContain(MUNICIPALITY_NAME);
        if (file === 'report.pdf') expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      } else {
        const json = (await res.json()) as { code: string; message: string };
        expect(typeof json.code).toBe('string');
        expect(JSON.stringify(json)).not.toContain('Befragte');
      }
    }
  });

  it('without credentials answers 401 with JSON', async () => {
    const res = await get(`/api/exports/${MUNICIPALITY}/answers.csv`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('Unauthorized');
  });

  it('a signed link from the bot command downloads until it expires; tampering is refused', async () => {
    const link = await commands.exportLink(LEAD, MUNICIPALITY, 'csv', `${base}/`);
    if (link.kind !== 'link') throw new Error(link.kind);
    expect(link.url).not.toContain(LEAD); // the issuer travels encoded, not as a readable identity
    const path = link.url.slice(base.length);
    const ok = await get(path);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Befragte 1');

    const url = new URL(link.url);
    const tamper = (k: string, v: string) => {
      const u = new URL(url);
      u.searchParams.set(k, v);
      return u.pathname + u.search;
    };
    expect((await get(tamper('exp', String(Number(url.searchParams.get('exp')) + 3600)))).status).toBe(401);
    expect((await get(tamper('iss', Buffer.from(COORDINATOR).toString('base64url')))).status).toBe(401);
    expect(await get(tamper('sig', 'AAAA'))).toHaveProperty('status', 401);
    expect((await get(path.replace('answers.csv', 'answers.json'))).status).toBe(401); // other format
    expect((await get(path.replace(MUNICIPALITY, 'potsdam'))).status).toBe(401); // other municipality

    clock = new Date(clock.getTime() + 16 * 60_000);
    const expired = await get(path);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { code: string }).code).toBe('LinkExpired');
  });

  it('a link stops working when the issuer loses the role', async () => {
    const key = 'aad:t:lead-temp';
    await access.grant(key, { role: 'lead', municipalityId: MUNICIPALITY });
    const link = await commands.exportLink(key, MUNICIPALITY, 'json', base);
    if (link.kind !== 'link') throw new Error(link.kind);
    expect((await get(link.url.slice(base.length))).status).toBe(200);
    await access.revoke(key, { role: 'lead', municipalityId: MUNICIPALITY });
    expect((await get(link.url.slice(base.length))).status).toBe(403);
  });

  it('the command denies respondents and other leads without revealing anything, and builds a link card', async () => {
    expect(await commands.exportLink(RESPONDENT_KEYS[1], MUNICIPALITY, 'pdf', base)).toEqual({ kind: 'denied' });
    expect(await commands.exportLink(OTHER_LEAD, MUNICIPALITY, 'pdf', base)).toEqual({ kind: 'denied' });
    expect(await commands.exportLink(OTHER_LEAD, 'atlantis', 'pdf', base)).toEqual({ kind: 'denied' });
    expect(await commands.exportLink(COORDINATOR, 'atlantis', 'pdf', base)).toEqual({ kind: 'unknown_municipality' });
    const link = await commands.exportLink(COORDINATOR, MUNICIPALITY, 'pdf', base, 'en');
    if (link.kind !== 'link') throw new Error(link.kind);
    expect(link.url).toContain('/report.pdf?');
    expect(link.url).toContain('lang=en');
    const c = exportLinkCard({
      municipalityName: link.municipality.name,
      format: 'pdf',
      url: link.url,
      ttlMinutes: link.ttlMinutes,
      locale: 'de',
    });
    expect(c.card.version).toBe('1.5');
    expect(c.card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Herunterladen', url: link.url }]);
    expect(c.text).toContain(link.url);
    expect(c.text).toContain('15 Minuten');
    const pdf = await get(link.url.slice(base.length));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('the blank questionnaire is public; unknown fields and files are 404', async () => {
    const res = await get('/api/exports/questionnaire/KK.pdf');
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get('/api/exports/questionnaire/XX.pdf')).status).toBe(404);
    expect((await get(`/api/exports/${MUNICIPALITY}/secrets.txt`, 'tok-coord')).status).toBe(404);
  });
});

import { releasedFrom } from '../support/released';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { aadIdentityKey } from '../../src/domain/access';
import {
  FIELD_IDS,
  changeBetweenRounds,
  compareWithRelease,
  consolidate,
  defaultRegistry,
  scoreAssessment,
  type AssessmentScore,
} from '../../src/domain/selbstcheck';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaDashboardRepository } from '../../src/infrastructure/repositories/prismaDashboardRepository';
import type { MunicipalityDetail, Overview } from '../../src/services/dashboardService';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { baseEnv } from '../support/service';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, LEAD_OID, OTHERS, OTHER_TENANT, RESPONDENT_OID, TENANT, seedDashboard } from './seed';

const CLIENT_ID = 'abcdef01-2345-4678-9abc-def012345678';
const APP_ID_URI = `api://weltoffen-bot.example.org/${CLIENT_ID}`;

describe('dashboard API: tab SSO tokens and role checks', () => {
  let idp: LocalIdentityProvider;
  let database: TestDatabase;
  let service: RunningService;
  let url: string;

  beforeAll(async () => {
    idp = await startLocalIdentityProvider();
    database = await createTestDatabase();
    const config = loadConfig(
      baseEnv({
        DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : 'pglite:memory',
        DASHBOARD_AAD_CLIENT_ID: CLIENT_ID,
        DASHBOARD_AAD_APP_ID_URI: APP_ID_URI,
        DASHBOARD_OPENID_METADATA_URL: idp.metadataUrl,
        COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
        COORDINATOR_TENANT_IDS: TENANT,
      }),
    );
    service = await startService(config, { database: database.openOptions });
    url = `http://127.0.0.1:${service.port}`;
    await seedDashboard(service.db.prisma);
    await new PrismaAccessRepository(service.db.prisma).grant(
      aadIdentityKey(TENANT, LEAD_OID),
      { role: 'lead', municipalityId: 'potsdam' },
      'test',
    );
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await database?.dispose();
    await idp?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  function token(
    oid: string,
    over: Record<string, unknown> = {},
    opts: { forged?: boolean; kid?: string } = {},
  ): string {
    return idp.sign(
      {
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        aud: CLIENT_ID,
        tid: TENANT,
        oid,
        name: 'Test Person',
        scp: 'access_as_user',
        iat: now() - 10,
        nbf: now() - 10,
        exp: now() + 3600,
        ...over,
      },
      opts,
    );
  }
  async function get(path: string, bearer?: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  it('a coordinator sees every municipality, with states from the stored rounds', async () => {
    const { status, body } = await get('/api/dashboard/overview', token(COORDINATOR_OID));
    expect(status).toBe(200);
    const overview = body as Overview;
    expect(overview.scope).toBe('all');
    expect(overview.municipalities).toHaveLength(16);
    const state = (id: string) => overview.municipalities.find((m) => m.municipality.id === id)?.state;
    // Potsdam's round is still open, but together its respondents have answered every field.
    expect(state('potsdam')).toBe('complete');
    expect(state('bochum')).toBe('complete');
    expect(state('kiel')).toBe('in_progress');
    expect(state('erlangen')).toBe('not_started');
    expect(overview.municipalities.find((m) => m.municipality.id === 'potsdam')?.respondents).toBe(4);
  });

  it('a municipality without an answer for more than DASHBOARD_STALLED_DAYS is stalled', async () => {
    await service.db.prisma
      .$executeRaw`UPDATE "answer" SET "answered_at" = now() - interval '8 days' WHERE "assessment_id" IN (SELECT "id" FROM "assessment" WHERE "municipality_id" = 'kiel')`;
    const overview = (await get('/api/dashboard/overview', token(COORDINATOR_OID))).body as Overview;
    const kiel = overview.municipalities.find((m) => m.municipality.id === 'kiel');
    expect(overview.stalledDays).toBe(7);
    expect(kiel?.state).toBe('stalled');
    expect(kiel?.fields.some((f) => f.state === 'stalled')).toBe(true);
  });

  it("the numbers are the domain core's: consolidation, scores, comparison (k ≥ 5) and change since round 1", async () => {
    const { status, body } = await get('/api/dashboard/municipalities/potsdam', token(COORDINATOR_OID));
    expect(status).toBe(200);
    const d = body as MunicipalityDetail;

    const repo = new PrismaDashboardRepository(service.db.prisma);
    const answers = new PrismaAnswerRepository(service.db.prisma);
    const rounds = await repo.rounds();
    const q = defaultRegistry.currentQuestionnaire();
    const scoreOf = async (assessmentId: string): Promise<AssessmentScore> =>
      scoreAssessment(q, consolidate(q, await answers.answersOfAll(assessmentId)).answers);
    const potsdam = rounds.filter((r) => r.assessment.municipalityId === 'potsdam');
    expect(potsdam.map((r) => r.assessment.round)).toEqual([2, 1]);
    const current = await scoreOf(potsdam.at(0)!.assessment.id);
    const previous = await scoreOf(potsdam.at(1)!.assessment.id);
    // Comparisons come from closed rounds only: the six others and Potsdam's first round, not Kiel's open one.
    const closed = await Promise.all(
      rounds.filter((r) => r.assessment.status === 'completed').map((r) => scoreOf(r.assessment.id)),
    );
    expect(closed).toHaveLength(OTHERS.length + 1);

    expect(d.score).toEqual(current);
    const expected = compareWithRelease(current, releasedFrom(closed));
    expect({ ...d.comparison, releasedAt: null }).toEqual({ ...expected, releasedAt: null });
    expect(d.comparison?.overall).toMatchObject({ comparedWith: OTHERS.length + 1 });
    expect(Date.parse(String(d.comparison?.releasedAt))).toBeGreaterThan(0);
    expect(d.comparison?.fields.MS.status).toBe('ok');
    expect(d.change).toEqual(changeBetweenRounds(previous, current));
    const consolidated = consolidate(q, await answers.answersOfAll(potsdam.at(0)!.assessment.id));
    expect(d.divergences.map((v) => v.questionId)).toEqual(consolidated.divergences.map((v) => v.questionId));
    expect(d.divergences.length).toBeGreaterThan(0);
    expect(d.knowledgeGaps.map((g) => g.questionId)).toEqual(current.fields.flatMap((f) => f.knowledgeGaps));
    expect(d.coverage?.map((c) => [c.role, c.respondents]).sort()).toEqual([
      ['advisory_council', 1],
      ['integration_officer', 1],
      ['integration_staff', 1],
      ['mayor', 1],
    ]);
    expect(d.fields.map((f) => f.fieldId)).toEqual(FIELD_IDS);
    expect(d.exports?.pdf).toBe('/api/exports/potsdam/report.pdf');
    // Respondents are never named: only roles and answers.
    expect(JSON.stringify(d)).not.toMatch(/respondentId|aad:/);
  });

  it('a municipality without answers has no score and no comparison', async () => {
    const d = (await get('/api/dashboard/municipalities/kiel', token(COORDINATOR_OID))).body as MunicipalityDetail;
    expect(d.comparison).not.toBeNull();
    const empty = (await get('/api/dashboard/municipalities/erlangen', token(COORDINATOR_OID)))
      .body as MunicipalityDetail;
    expect(empty.state).toBe('not_started');
    expect(empty.score).toBeNull();
    expect(empty.comparison).toBeNull();
  });

  it('accepts v1 tokens (sts.windows.net issuer, application id URI audience)', async () => {
    const v1 = token(COORDINATOR_OID, { iss: `https://sts.windows.net/${TENANT}/`, aud: APP_ID_URI });
    expect((await get('/api/dashboard/overview', v1)).status).toBe(200);
  });

  it.each([
    ['no token', undefined],
    ['a forged signature', () => token(COORDINATOR_OID, {}, { forged: true })],
    ['an unknown key id', () => token(COORDINATOR_OID, {}, { kid: 'other-key' })],
    ['an expired token', () => token(COORDINATOR_OID, { iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })],
    ['a token without expiry', () => token(COORDINATOR_OID, { exp: undefined })],
    ['a wrong audience', () => token(COORDINATOR_OID, { aud: 'ffffffff-2345-4678-9abc-def012345678' })],
    [
      'a tenant outside the allow-list',
      () =>
        token(COORDINATOR_OID, { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
    ],
    [
      'an issuer of another tenant',
      () => token(COORDINATOR_OID, { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
    ],
    ['a foreign issuer', () => token(COORDINATOR_OID, { iss: 'https://evil.example.org/' })],
    // app-only tokens (client credentials) and more than 60 s of clock skew.
    [
      'an app-only token',
      () => token(COORDINATOR_OID, { scp: undefined, idtyp: 'app', roles: ['Dashboard.Read.All'] }),
    ],
    ['a token expired 90 s ago', () => token(COORDINATOR_OID, { exp: now() - 90 })],
    ['garbage', () => 'not.a.jwt'],
  ])('answers 401 for %s', async (_name, make) => {
    const res = await fetch(`${url}/api/dashboard/overview`, {
      headers: make ? { authorization: `Bearer ${make()}` } : {},
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'Unauthorized', message: expect.any(String) as unknown });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('a respondent sees only their own answers and gets 403 for consolidated results, revealing nothing', async () => {
    const t = token(RESPONDENT_OID);
    const me = (await get('/api/dashboard/me', t)).body as {
      coordinator: boolean;
      leadOf: unknown[];
      municipality: { id: string };
      own: { fields: { answered: number }[] };
    };
    expect(me.coordinator).toBe(false);
    expect(me.leadOf).toEqual([]);
    expect(me.municipality.id).toBe('potsdam');
    expect(me.own.fields.reduce((s, f) => s + f.answered, 0)).toBeGreaterThan(0);
    expect((await get('/api/dashboard/overview', t)).body).toMatchObject({ scope: 'assigned', municipalities: [] });
    const other = await get('/api/dashboard/municipalities/bochum', t);
    const unknown = await get('/api/dashboard/municipalities/no-such-place', t);
    expect(other.status).toBe(403);
    expect(unknown).toEqual(other);
  });

  it('a lead sees their own municipality only', async () => {
    const t = token(LEAD_OID);
    const overview = (await get('/api/dashboard/overview', t)).body as Overview;
    expect(overview.scope).toBe('assigned');
    expect(overview.municipalities.map((m) => m.municipality.id)).toEqual(['potsdam']);
    const own = await get('/api/dashboard/municipalities/potsdam', t);
    expect(own.status).toBe(200);
    expect((own.body as MunicipalityDetail).coverage).not.toBeNull();
    expect((await get('/api/dashboard/municipalities/bochum', t)).status).toBe(403);
  });

  it('a coordinator gets 404 for an unknown municipality; the local sign-in is off', async () => {
    expect((await get('/api/dashboard/municipalities/no-such-place', token(COORDINATOR_OID))).status).toBe(404);
    const res = await fetch(`${url}/api/dashboard/local-signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityKey: aadIdentityKey(TENANT, COORDINATOR_OID) }),
    });
    expect(res.status).toBe(404);
    expect(((await get('/api/dashboard/auth-config')).body as { localSignIn: boolean }).localSignIn).toBe(false);
  });

  it('serves the pages with a frame-ancestors policy for Teams, and the Teams SDK from node_modules', async () => {
    const page = await fetch(`${url}/dashboard/?municipality=potsdam`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    const html = await page.text();
    const sdk = /content="(\/dashboard\/vendor\/teams-js-[\d.]+\.min\.js)"/.exec(html)?.[1];
    expect(sdk).toBeDefined();
    const bundle = await fetch(`${url}${sdk}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/dashboard/config.html`)).status).toBe(200);
    expect((await fetch(`${url}/dashboard/../package.json`)).status).toBe(404);
    expect((await fetch(`${url}/dashboard`, { redirect: 'manual' })).headers.get('location')).toBe('/dashboard/');
  });
});

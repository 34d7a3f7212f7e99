/**
 * The dashboard's audit API and its sign-ins: coordinators read the trail (filtered, paged), anyone else gets one
 * plain 403; parameters are checked before any work; a Teams SSO sign-in is recorded once per token, under a
 * pseudonym, when the page asks who is signed in.
 */
import { aadIdentityKey } from '../../src/domain/access';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { baseEnv } from '../support/service';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, LEAD_OID, TENANT } from '../dashboard/seed';
import { PSEUDONYM, expectNoIdentities, pseudonymOf, trail } from './support';

const CLIENT_ID = 'abcdef01-2345-4678-9abc-def012345678';

interface Page {
  municipality: { id: string; name: string } | null;
  entries: {
    id: string;
    at: string;
    action: string;
    actor: string | null;
    municipality: { id: string; name: string } | null;
  }[];
  more: boolean;
  municipalities: { id: string; name: string }[];
}

describe(`dashboard: the audit trail (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let idp: LocalIdentityProvider;
  let database: TestDatabase;
  let service: RunningService;
  let url: string;
  const coordinatorKey = aadIdentityKey(TENANT, COORDINATOR_OID);

  beforeAll(async () => {
    idp = await startLocalIdentityProvider();
    database = await createTestDatabase();
    const config = loadConfig(
      baseEnv({
        DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : 'pglite:memory',
        DASHBOARD_AAD_CLIENT_ID: CLIENT_ID,
        DASHBOARD_OPENID_METADATA_URL: idp.metadataUrl,
        COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
        COORDINATOR_TENANT_IDS: TENANT,
      }),
    );
    service = await startService(config, { database: database.openOptions });
    url = `http://127.0.0.1:${service.port}`;
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

  let n = 0;
  /** A fresh SSO token each call (another `iat`/`uti`), as Teams hands out after a sign-in or a renewal. */
  const token = (oid: string) => {
    const now = Math.floor(Date.now() / 1000);
    n++;
    return idp.sign({
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: CLIENT_ID,
      tid: TENANT,
      oid,
      scp: 'access_as_user',
      uti: `token-${n}`,
      iat: now - 10,
      nbf: now - 10,
      exp: now + 3600,
    });
  };
  async function get(path: string, bearer?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  it('records a sign-in once per token, when the page asks who is signed in', async () => {
    const first = token(COORDINATOR_OID);
    for (let i = 0; i < 3; i++) expect((await get('/api/dashboard/me', first)).status).toBe(200);
    // Other API calls are no sign-ins.
    expect((await get('/api/dashboard/overview', first)).status).toBe(200);
    const by = await pseudonymOf(service.db.prisma, coordinatorKey);
    expect(by).toMatch(PSEUDONYM);
    expect(await trail(service.db.prisma, 'dashboard_signin')).toMatchObject([
      { actor: by, subject: null, municipalityId: null, detail: { via: 'teams_sso' } },
    ]);
    // A new token (a new sign-in) is a new entry; a token that does not verify is none.
    expect((await get('/api/dashboard/me', token(COORDINATOR_OID))).status).toBe(200);
    expect((await get('/api/dashboard/me', `${first.slice(0, -4)}AAAA`)).status).toBe(401);
    expect(await trail(service.db.prisma, 'dashboard_signin')).toHaveLength(2);
    await expectNoIdentities(service.db.prisma, [COORDINATOR_OID]);
  });

  it('answers a coordinator with the newest entries, filtered and paged; 403 for a lead, 401 without sign-in', async () => {
    const log = new PrismaAuditLog(service.db.prisma);
    for (let i = 0; i < 60; i++)
      await log.record({
        action: 'export_issued',
        actor: coordinatorKey,
        municipalityId: 'kiel',
        detail: { format: 'pdf' },
      });
    await log.record({ action: 'round_closed', municipalityId: 'gone-municipality', detail: { round: 3 } });

    const bearer = token(COORDINATOR_OID);
    const all = await get('/api/dashboard/audit', bearer);
    expect(all.status).toBe(200);
    const page = all.body as unknown as Page;
    expect(page.municipality).toBeNull();
    expect(page.entries).toHaveLength(50);
    expect(page.more).toBe(true);
    // An id no municipality has any more is shown as the id.
    expect(page.entries[0]).toMatchObject({
      action: 'round_closed',
      actor: null,
      municipality: { id: 'gone-municipality', name: 'gone-municipality' },
    });
    expect(page.entries[1]).toMatchObject({ action: 'export_issued', municipality: { id: 'kiel', name: 'Kiel' } });
    expect(page.municipalities.find((m) => m.id === 'potsdam')).toEqual({ id: 'potsdam', name: 'Potsdam' });
    expect(new Date(page.entries[0]!.at).toISOString()).toBe(page.entries[0]!.at);

    const kiel = (await get('/api/dashboard/audit?municipality=kiel', bearer)).body as unknown as Page;
    expect(kiel.municipality).toEqual({ id: 'kiel', name: 'Kiel' });
    expect(kiel.entries.every((e) => e.municipality?.id === 'kiel')).toBe(true);
    const older = (await get(`/api/dashboard/audit?municipality=kiel&before=${kiel.entries.at(-1)!.id}`, bearer))
      .body as unknown as Page;
    expect(older.entries).toHaveLength(10);
    expect(older.more).toBe(false);
    const ids = [...kiel.entries, ...older.entries].map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(60);
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true);

    // Measured, not asserted (shared machine): a page of 50 from a trail of some sixty entries.
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      expect((await get('/api/dashboard/audit?municipality=kiel', bearer)).status).toBe(200);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(
      `audit API (${usingPostgres ? 'PostgreSQL' : 'PGlite'}, 20 requests, 50 entries): median ${times[10]!.toFixed(1)} ms, p95 ${times[18]!.toFixed(1)} ms`,
    );

    const lead = token(LEAD_OID);
    expect((await get('/api/dashboard/me', lead)).status).toBe(200);
    for (const path of ['/api/dashboard/audit', '/api/dashboard/audit?municipality=potsdam'])
      expect(await get(path, lead)).toEqual({
        status: 403,
        body: { code: 'Forbidden', message: 'your role does not allow this view' },
      });
    expect((await get('/api/dashboard/audit')).status).toBe(401);
  });

  it('refuses malformed parameters with 400 before looking anything up', async () => {
    const bearer = token(COORDINATOR_OID);
    for (const query of [
      'municipality=Potsdam',
      'municipality=',
      `municipality=${'a'.repeat(65)}`,
      'before=abc',
      'before=-1',
      `before=${'9'.repeat(19)}`,
      'before=1&before=2',
      'municipality=kiel&municipality=potsdam',
      'limit=500',
      `municipality=kiel&x=${'y'.repeat(300)}`,
    ]) {
      const { status, body } = await get(`/api/dashboard/audit?${query}`, bearer);
      expect({ query, status, code: body.code }).toEqual({ query, status: 400, code: 'InvalidQuery' });
    }
  });
});

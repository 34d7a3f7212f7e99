/** The dashboard's management API: sign-in, role check, bounded and validated bodies, and registered tenants signing in. */
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { baseEnv } from '../support/service';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, TENANT } from './seed';

const CLIENT_ID = 'abcdef01-2345-4678-9abc-def012345678';
const FOREIGN = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const BASE = '/api/dashboard/admin/municipalities';

interface Listing {
  id: string;
  name: string;
  kind: string;
  state: string;
  officialKey: string | null;
  archived: boolean;
  demo: boolean;
  tenants: string[];
}

describe('dashboard: managing municipalities and tenants', () => {
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
        DASHBOARD_OPENID_METADATA_URL: idp.metadataUrl,
        COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
        COORDINATOR_TENANT_IDS: TENANT,
      }),
    );
    service = await startService(config, { database: database.openOptions });
    url = `http://127.0.0.1:${service.port}`;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await database?.dispose();
    await idp?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const token = (oid: string, tid = TENANT) =>
    idp.sign({
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      aud: CLIENT_ID,
      tid,
      oid,
      name: 'Test Person',
      scp: 'access_as_user',
      iat: now() - 10,
      nbf: now() - 10,
      exp: now() + 3600,
    });
  const coordinator = () => token(COORDINATOR_OID);

  async function call(
    method: string,
    path: string,
    bearer: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const list = async () => (await call('GET', BASE, coordinator())).body.municipalities as Listing[];
  const snapshot = () =>
    Promise.all([
      service.db.prisma.municipality.findMany({ orderBy: { id: 'asc' } }),
      service.db.prisma.municipalityTenant.findMany(),
    ]);

  it('lists every municipality with its tenants, the 16 states and the four kinds', async () => {
    const { status, body } = await call('GET', BASE, coordinator());
    expect(status).toBe(200);
    const municipalities = body.municipalities as Listing[];
    expect(municipalities).toHaveLength(17);
    expect(municipalities.find((m) => m.id === 'kiel')).toEqual({
      id: 'kiel',
      name: 'Kiel',
      kind: 'kreisfreie_stadt',
      state: 'Schleswig-Holstein',
      officialKey: '01002000',
      archived: false,
      demo: false,
      tenants: [],
    });
    expect((body.states as unknown[]).length).toBe(16);
    expect(body.kinds).toEqual(['gemeinde', 'kreisangehoerige_stadt', 'kreisfreie_stadt', 'landkreis']);
  });

  it('answers 401 without sign-in and one plain 403 to anyone else, changing nothing', async () => {
    const before = await snapshot();
    const other = token('r0000000-0000-4000-8000-000000000099');
    const attempts: [string, string, unknown?][] = [
      ['GET', BASE],
      ['POST', BASE, { name: 'Hackdorf', kind: 'gemeinde', state: 'Bayern' }],
      ['PATCH', `${BASE}/potsdam`, { name: 'Hackstadt' }],
      ['PATCH', `${BASE}/atlantis`, { name: 'Hackstadt' }],
      ['POST', `${BASE}/potsdam/archive`],
      ['POST', `${BASE}/potsdam/tenants`, { tenantId: FOREIGN }],
      ['DELETE', `${BASE}/potsdam/tenants/${FOREIGN}`],
    ];
    for (const [method, path, body] of attempts) {
      expect((await call(method, path, undefined, body)).status).toBe(401);
      const denied = await call(method, path, other, body);
      expect({ method, path, ...denied }).toEqual({
        method,
        path,
        status: 403,
        body: { code: 'Forbidden', message: 'your role does not allow this' },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('adds, changes, archives and restores; bad input is a 4xx and stores nothing', async () => {
    const before = await snapshot();
    for (const [body, status, code] of [
      [{ name: 'Seedorf', kind: 'dorf', state: 'Bayern' }, 400, 'InvalidBody'],
      [{ name: 'Seedorf', kind: 'gemeinde', state: 'Bayern', extra: 1 }, 400, 'InvalidBody'],
      [{ name: 42, kind: 'gemeinde', state: 'Bayern' }, 400, 'InvalidBody'],
      [{ name: 'Seedorf', kind: 'gemeinde', state: 'Bayern', officialKey: '0999' }, 400, 'InvalidMunicipality'],
      [{ name: 'Seedorf', kind: 'gemeinde', state: 'Tirol' }, 400, 'InvalidMunicipality'],
      [{ name: 'Potsdam', kind: 'kreisfreie_stadt', state: 'Brandenburg' }, 409, 'DuplicateName'],
      [{ name: 'Seedorf', kind: 'gemeinde', state: 'Brandenburg', officialKey: '12054000' }, 409, 'DuplicateKey'],
      ['{"name": "Seedorf",', 400, 'InvalidJson'],
      [{ name: 'x'.repeat(5000), kind: 'gemeinde', state: 'Bayern' }, 413, 'PayloadTooLarge'],
    ] as const) {
      const res = await call('POST', BASE, coordinator(), body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    expect(
      (
        await call('POST', BASE, coordinator(), {
          name: 'S',
          kind: 'gemeinde',
          state: 'Bayern',
          officialKey: '08999001',
        })
      ).body,
    ).toMatchObject({
      code: 'InvalidMunicipality',
      problem: { kind: 'keyState', prefix: '09', state: 'Bayern' },
    });
    expect(await snapshot()).toEqual(before);

    const created = await call('POST', BASE, coordinator(), {
      name: 'Seedorf',
      kind: 'gemeinde',
      state: 'Bayern',
      officialKey: '09999002',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      result: 'created',
      municipality: { id: 'seedorf', name: 'Seedorf', kind: 'gemeinde', state: 'Bayern', officialKey: '09999002' },
    });

    const renamed = await call('PATCH', `${BASE}/seedorf`, coordinator(), {
      name: 'Seedorf am Main',
      officialKey: null,
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { result: 'updated', municipality: { id: 'seedorf', officialKey: null } },
    });
    expect((await call('PATCH', `${BASE}/seedorf`, coordinator(), {})).status).toBe(400);
    expect((await call('PATCH', `${BASE}/atlantis`, coordinator(), { name: 'X' })).status).toBe(404);
    expect((await call('PATCH', `${BASE}/..%2Fetc`, coordinator(), { name: 'X' })).status).toBe(404);
    expect((await call('PATCH', `${BASE}/musterstadt-demo`, coordinator(), { name: 'X' })).body.code).toBe(
      'DemoLocked',
    );

    expect((await call('POST', `${BASE}/seedorf/archive`, coordinator())).body).toMatchObject({
      result: 'archived',
      already: false,
      municipality: { archived: true },
    });
    expect((await call('PATCH', `${BASE}/seedorf`, coordinator(), { name: 'Y' })).body.code).toBe('Archived');
    expect((await list()).find((m) => m.id === 'seedorf')?.archived).toBe(true);
    expect((await call('POST', `${BASE}/seedorf/restore`, coordinator())).body).toMatchObject({
      result: 'restored',
      municipality: { archived: false, name: 'Seedorf am Main' },
    });
  });

  it('a registered tenant may sign in to the dashboard; unregistered or removed, it may not', async () => {
    const foreignUser = token('f0000000-0000-4000-8000-000000000001', FOREIGN);
    expect((await call('GET', '/api/dashboard/me', foreignUser)).status).toBe(401);

    expect((await call('POST', `${BASE}/kiel/tenants`, coordinator(), { tenantId: 'not-a-guid' })).body).toMatchObject({
      code: 'InvalidTenantId',
      problem: 'format',
    });
    const registered = await call('POST', `${BASE}/kiel/tenants`, coordinator(), { tenantId: FOREIGN.toUpperCase() });
    expect(registered).toMatchObject({
      status: 200,
      body: { result: 'tenantRegistered', tenantId: FOREIGN, added: true, municipality: { id: 'kiel' } },
    });
    expect((await list()).find((m) => m.id === 'kiel')?.tenants).toEqual([FOREIGN]);
    expect((await call('GET', '/api/dashboard/me', foreignUser)).status).toBe(200);
    expect((await call('GET', BASE, foreignUser)).status).toBe(403);

    expect((await call('DELETE', `${BASE}/kiel/tenants/${FOREIGN}`, coordinator())).body).toMatchObject({
      result: 'tenantRemoved',
      tenantId: FOREIGN,
    });
    expect((await call('DELETE', `${BASE}/kiel/tenants/${FOREIGN}`, coordinator())).status).toBe(404);
    expect((await call('DELETE', `${BASE}/kiel/tenants/xyz`, coordinator())).status).toBe(400);
    expect((await call('GET', '/api/dashboard/me', foreignUser)).status).toBe(401);
  });
});

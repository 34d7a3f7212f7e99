/** Municipality and tenant management on a migrated database: roles, validation, ids, archive, demo, tenants. */
import { aadIdentityKey } from '../../src/domain/access';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaTenantRegistry } from '../../src/infrastructure/repositories/prismaTenantRegistry';
import { AccessService, TENANT_CACHE_MS } from '../../src/services/accessService';
import { MunicipalityAdminService } from '../../src/services/municipalityAdminService';
import type { MunicipalityAdminResult } from '../../src/services/municipalityAdminResults';
import { migratedDatabase } from '../infrastructure/migrationsSupport';

const HOME = '11111111-2222-4333-8444-555555555555';
const FOREIGN = '99999999-2222-4333-8444-555555555555';
const COORDINATOR = aadIdentityKey(HOME, 'coord-1');
const NOW = new Date('2026-12-04T10:00:00Z');

describe('MunicipalityAdminService on a migrated database', () => {
  const db = migratedDatabase();
  let service: MunicipalityAdminService;
  let access: AccessService;
  let repo: PrismaMunicipalityRepository;
  let tenants: PrismaTenantRegistry;
  let clockMs = 0;

  beforeAll(() => {
    const prisma = db().prisma;
    repo = new PrismaMunicipalityRepository(prisma);
    tenants = new PrismaTenantRegistry(prisma);
    access = new AccessService({
      access: new PrismaAccessRepository(prisma),
      respondents: new PrismaRespondentRepository(prisma),
      bootstrap: { objectIds: ['coord-1'], tenantIds: [HOME] },
      tenants,
      now: () => clockMs,
    });
    service = new MunicipalityAdminService({
      access,
      municipalities: repo,
      tenants,
      clock: { now: () => NOW },
      audit: new PrismaAuditLog(prisma),
    });
  });

  const run = (text: Parameters<MunicipalityAdminService['handle']>[1], who = COORDINATOR) => service.handle(who, text);
  const named = (r: MunicipalityAdminResult) => ('municipality' in r && r.municipality ? r.municipality : undefined);

  it('refuses everyone but coordinators of an allowed tenant, before looking at anything, and changes nothing', async () => {
    const before = await repo.listAll();
    const prisma = db().prisma;
    // A coordinator granted in the database, but in a tenant that is neither configured nor registered.
    await new PrismaAccessRepository(prisma).grant(aadIdentityKey(FOREIGN, 'coord-2'), { role: 'coordinator' }, 'test');
    await new PrismaAccessRepository(prisma).grant(
      aadIdentityKey(HOME, 'lead-1'),
      { role: 'lead', municipalityId: 'potsdam' },
      'test',
    );
    for (const who of [
      aadIdentityKey(HOME, 'someone'),
      aadIdentityKey(HOME, 'lead-1'),
      aadIdentityKey(FOREIGN, 'coord-1'),
      aadIdentityKey(FOREIGN, 'coord-2'),
      'webchat:coord-1',
    ]) {
      expect(await run({ kind: 'listMunicipalities' }, who)).toEqual({ kind: 'denied' });
      expect(await run({ kind: 'archive', municipality: 'Potsdam' }, who)).toEqual({ kind: 'denied' });
      expect(await run({ kind: 'archive', municipality: 'Nirgendwo' }, who)).toEqual({ kind: 'denied' });
      expect(await run({ kind: 'usage', topic: 'add' }, who)).toEqual({ kind: 'denied' });
      expect(await service.registerTenant(who, { id: 'potsdam' }, FOREIGN)).toEqual({ kind: 'denied' });
      expect(await service.create(who, { name: 'X', kind: 'gemeinde', state: 'Bayern', officialKey: null })).toEqual({
        kind: 'denied',
      });
    }
    expect(await repo.listAll()).toEqual(before);
    expect(await tenants.list()).toEqual([]);
  });

  it('lists every municipality with kind, state, key and tenants', async () => {
    const r = await run({ kind: 'listMunicipalities' });
    if (r.kind !== 'list') throw new Error(r.kind);
    expect(r.municipalities).toHaveLength(17);
    expect(r.municipalities.find((m) => m.id === 'lk-goerlitz')).toMatchObject({
      name: 'Landkreis Görlitz',
      kind: 'landkreis',
      state: 'Sachsen',
      officialKey: '14626',
      tenants: [],
    });
    expect(r.municipalities.find((m) => m.demo)?.id).toBe('musterstadt-demo');
  });

  it('adds municipalities with canonical state, derived unique ids and checked keys', async () => {
    const add = (name: string, kind: string, state: string, officialKey: string | null = null) =>
      run({ kind: 'addMunicipality', name, municipalityKind: kind, state, officialKey });
    const created = await add('Neustadt an der Weinstraße', 'kreisfrei', 'RLP', '07316000');
    expect(created).toMatchObject({
      kind: 'created',
      municipality: {
        id: 'neustadt-an-der-weinstrasse',
        name: 'Neustadt an der Weinstraße',
        kind: 'kreisfreie_stadt',
        state: 'Rheinland-Pfalz',
        officialKey: '07316000',
        archived: false,
        demo: false,
      },
    });
    expect(await repo.find('neustadt-an-der-weinstrasse')).toEqual(named(created));
    // Same name in another state: allowed, the id carries the state; in the same state: refused.
    expect(named(await add('Neustadt an der Weinstraße', 'Gemeinde', 'Bayern'))?.id).toBe(
      'neustadt-an-der-weinstrasse-by',
    );
    expect(await add('neustadt an der weinstrasse', 'Gemeinde', 'Rheinland-Pfalz')).toMatchObject({
      kind: 'duplicateName',
      existing: { id: 'neustadt-an-der-weinstrasse' },
    });
    expect(await add('Potsdam-Nord', 'kreisfreie Stadt', 'Brandenburg', '12054000')).toMatchObject({
      kind: 'duplicateKey',
      existing: { id: 'potsdam' },
    });
    expect(await add('Musterkreis', 'Landkreis', 'Hessen', '06534000')).toEqual({
      kind: 'invalid',
      problem: { kind: 'keyFormat', digits: 5 },
    });
    expect(await add('Musterkreis', 'Landkreis', 'Hessen', '05534')).toEqual({
      kind: 'invalid',
      problem: { kind: 'keyState', prefix: '06', state: 'Hessen' },
    });
    expect(await add('Musterkreis', 'Bezirk', 'Hessen')).toEqual({ kind: 'invalid', problem: { kind: 'kind' } });
    expect(await add('Musterkreis', 'Landkreis', 'Tirol')).toEqual({ kind: 'invalid', problem: { kind: 'state' } });
    expect(await add('**Musterkreis**', 'Landkreis', 'Hessen')).toEqual({ kind: 'invalid', problem: { kind: 'name' } });
    expect(await repo.find('musterkreis')).toBeUndefined();
  });

  it('renames (the id stays), changes kind, state and key, refusing keys that no longer fit', async () => {
    const renamed = await run({ kind: 'renameMunicipality', municipality: 'Halle', name: 'Halle an der Saale' });
    expect(renamed).toMatchObject({ kind: 'updated', municipality: { id: 'halle-saale', name: 'Halle an der Saale' } });
    // Kreisfreie Stadt → Landkreis keeps an 8-digit key: refused unless a fitting key comes along.
    expect(await run({ kind: 'setKind', municipality: 'Halle an der Saale', municipalityKind: 'Landkreis' })).toEqual({
      kind: 'invalid',
      problem: { kind: 'keyFormat', digits: 5 },
    });
    expect(
      await run({ kind: 'setKind', municipality: 'halle-saale', municipalityKind: 'Landkreis', officialKey: null }),
    ).toMatchObject({ kind: 'updated', municipality: { kind: 'landkreis', officialKey: null } });
    expect(await run({ kind: 'setKey', municipality: 'Halle an der Saale', officialKey: '15002' })).toMatchObject({
      kind: 'updated',
      municipality: { officialKey: '15002' },
    });
    expect(await run({ kind: 'setState', municipality: 'Halle an der Saale', state: 'Sachsen' })).toEqual({
      kind: 'invalid',
      problem: { kind: 'keyState', prefix: '14', state: 'Sachsen' },
    });
    expect(await run({ kind: 'setKey', municipality: 'Halle an der Saale', officialKey: '15002' })).toMatchObject({
      kind: 'unchanged',
    });
    expect(await run({ kind: 'renameMunicipality', municipality: 'Halle an der Saale', name: 'Kiel' })).toMatchObject({
      kind: 'updated',
    });
    // "Kiel" exists in Schleswig-Holstein, not in Sachsen-Anhalt, so the name is free there; a name of the same state is not.
    expect(await run({ kind: 'renameMunicipality', municipality: 'halle-saale', name: 'Lübeck' })).toMatchObject({
      kind: 'updated',
    });
    expect(await run({ kind: 'renameMunicipality', municipality: 'kiel', name: 'Lübeck' })).toMatchObject({
      kind: 'duplicateName',
      existing: { id: 'luebeck' },
    });
    expect(await run({ kind: 'renameMunicipality', municipality: 'Atlantis', name: 'X' })).toMatchObject({
      kind: 'unknownMunicipality',
      name: 'Atlantis',
    });
    expect(await run({ kind: 'renameMunicipality', municipality: 'Landkreis', name: 'X' })).toMatchObject({
      kind: 'ambiguousMunicipality',
    });
  });

  it('archives and restores; archived ones are offered nowhere, changes wait for the restore', async () => {
    expect(await run({ kind: 'archive', municipality: 'Zwickau' })).toMatchObject({
      kind: 'archived',
      already: false,
      municipality: { id: 'zwickau', archived: true },
    });
    expect((await repo.list()).map((m) => m.id)).not.toContain('zwickau');
    expect(await run({ kind: 'archive', municipality: 'Zwickau' })).toMatchObject({ kind: 'archived', already: true });
    expect(await run({ kind: 'renameMunicipality', municipality: 'Zwickau', name: 'Zwickau (Sachsen)' })).toMatchObject(
      {
        kind: 'isArchived',
      },
    );
    expect(await run({ kind: 'registerTenant', municipality: 'Zwickau', tenantId: FOREIGN })).toMatchObject({
      kind: 'isArchived',
    });
    expect(await run({ kind: 'restore', municipality: 'zwickau' })).toMatchObject({
      kind: 'restored',
      already: false,
      municipality: { archived: false },
    });
    expect((await repo.list()).map((m) => m.id)).toContain('zwickau');
    expect(await run({ kind: 'restore', municipality: 'Zwickau' })).toMatchObject({ kind: 'restored', already: true });
  });

  it('leaves the demo municipality as it is', async () => {
    const before = await repo.find('musterstadt-demo');
    for (const command of [
      { kind: 'renameMunicipality', municipality: 'Musterstadt', name: 'Beispielstadt' },
      { kind: 'setKey', municipality: 'Musterstadt (Demo)', officialKey: '11000000' },
      { kind: 'archive', municipality: 'musterstadt-demo' },
      { kind: 'registerTenant', municipality: 'Musterstadt', tenantId: FOREIGN },
    ] as const)
      expect(await run(command)).toMatchObject({ kind: 'demoLocked' });
    expect(await repo.find('musterstadt-demo')).toEqual(before);
    expect(await tenants.list('musterstadt-demo')).toEqual([]);
  });

  it('registers tenants (GUIDs, lower case); they are allowed at once, and no longer after removal or archiving', async () => {
    expect(await access.isAllowedTenant(FOREIGN)).toBe(false);
    expect(await run({ kind: 'registerTenant', municipality: 'Potsdam', tenantId: 'tenant-2' })).toEqual({
      kind: 'invalidTenantId',
      problem: 'format',
    });
    expect(
      await run({ kind: 'registerTenant', municipality: 'Potsdam', tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' }),
    ).toEqual({ kind: 'invalidTenantId', problem: 'consumer' });
    expect(
      await run({ kind: 'registerTenant', municipality: 'Potsdam', tenantId: FOREIGN.toUpperCase() }),
    ).toMatchObject({
      kind: 'tenantRegistered',
      tenantId: FOREIGN,
      added: true,
      alsoFor: [],
    });
    expect(await tenants.list('potsdam')).toMatchObject([{ municipalityId: 'potsdam', tenantId: FOREIGN }]);
    expect(await access.isAllowedTenant(FOREIGN)).toBe(true);
    expect(await access.isAllowedTenant(FOREIGN.toUpperCase())).toBe(true);
    expect(await run({ kind: 'registerTenant', municipality: 'Potsdam', tenantId: FOREIGN })).toMatchObject({
      added: false,
    });
    // One tenant for two municipalities (a shared IT provider): registered, with a note.
    expect(await run({ kind: 'registerTenant', municipality: 'Bochum', tenantId: FOREIGN })).toMatchObject({
      added: true,
      alsoFor: ['Potsdam'],
    });
    expect(await run({ kind: 'listTenants' })).toMatchObject({
      kind: 'tenants',
      municipality: null,
      tenants: [
        { municipality: { id: 'bochum' }, tenantId: FOREIGN },
        { municipality: { id: 'potsdam' }, tenantId: FOREIGN },
      ],
    });
    expect(await run({ kind: 'listTenants', municipality: 'Potsdam' })).toMatchObject({
      municipality: { id: 'potsdam' },
      tenants: [{ tenantId: FOREIGN }],
    });
    expect(await run({ kind: 'removeTenant', municipality: 'Bochum', tenantId: FOREIGN })).toMatchObject({
      kind: 'tenantRemoved',
      removed: true,
    });
    expect(await access.isAllowedTenant(FOREIGN)).toBe(true);
    // Archiving the last municipality that registered it ends the tenant's access at once.
    await run({ kind: 'archive', municipality: 'Potsdam' });
    expect(await access.isAllowedTenant(FOREIGN)).toBe(false);
    await run({ kind: 'restore', municipality: 'Potsdam' });
    expect(await access.isAllowedTenant(FOREIGN)).toBe(true);
    expect(await run({ kind: 'removeTenant', municipality: 'Potsdam', tenantId: FOREIGN })).toMatchObject({
      removed: true,
    });
    expect(await access.isAllowedTenant(FOREIGN)).toBe(false);
    expect(await run({ kind: 'removeTenant', municipality: 'Potsdam', tenantId: FOREIGN })).toMatchObject({
      removed: false,
    });
  });

  it('other instances see a registration within the cache time', async () => {
    const other = '77777777-2222-4333-8444-555555555555';
    expect(await access.isAllowedTenant(other)).toBe(false);
    // Registered through another instance: this one answers from its cache until the entry expires.
    await tenants.register('kiel', other, 'elsewhere');
    expect(await access.isAllowedTenant(other)).toBe(false);
    clockMs += TENANT_CACHE_MS + 1;
    expect(await access.isAllowedTenant(other)).toBe(true);
    // Only GUIDs are looked up; the configured allow-list still applies as before.
    expect(await access.isAllowedTenant('tenant-x')).toBe(false);
    expect(await access.isAllowedTenant(HOME.toUpperCase())).toBe(true);
  });
});

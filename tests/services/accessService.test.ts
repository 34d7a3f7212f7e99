import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';
import { AccessService } from '../../src/services/accessService';
import { aadIdentityKey } from '../../src/domain/access';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';

function service(access = new MemoryAccessRepository(), municipalityId: string | null = null) {
  return new AccessService({
    access,
    respondents: {
      findByIdentity: (identityKey) =>
        Promise.resolve(
          municipalityId
            ? {
                id: 'r',
                identityKey,
                municipalityId,
                role: null,
                locale: null,
                consentedAt: null,
                membership: 'invitation' as const,
                memberNo: 1,
              }
            : undefined,
        ),
    },
    bootstrap: { objectIds: ['AAAA'], tenantIds: [TENANT] },
  });
}

describe('AccessService', () => {
  it('makes configured object ids coordinators only in allowed tenants', async () => {
    const s = service();
    expect((await s.check(aadIdentityKey(TENANT, 'aaaa'), 'view_all')).allowed).toBe(true);
    expect((await s.check(aadIdentityKey(OTHER_TENANT, 'aaaa'), 'view_all')).allowed).toBe(false);
    expect((await s.check(aadIdentityKey(TENANT, 'bbbb'), 'view_all')).allowed).toBe(false);
  });

  it('combines stored grants with the respondent municipality', async () => {
    const access = new MemoryAccessRepository();
    const key = aadIdentityKey(TENANT, 'lead');
    await access.grant(key, { role: 'lead', municipalityId: 'potsdam' });
    const p = await service(access, 'potsdam').principalOf(key);
    expect(p).toEqual({
      identityKey: key,
      grants: [{ role: 'lead', municipalityId: 'potsdam' }],
      municipalityId: 'potsdam',
      respondentRole: null,
    });
    expect((await service(access).check(key, 'export', { municipalityId: 'potsdam' })).allowed).toBe(true);
    expect((await service(access).check(key, 'export', { municipalityId: 'leipzig' })).allowed).toBe(false);
  });

  it('treats an empty tenant allow-list as no restriction', async () => {
    const s = new AccessService({
      access: new MemoryAccessRepository(),
      respondents: { findByIdentity: () => Promise.resolve(undefined) },
      bootstrap: { objectIds: [], tenantIds: [] },
    });
    expect(await s.isAllowedTenant(OTHER_TENANT)).toBe(true);
    expect(s.isConfiguredTenant(OTHER_TENANT)).toBe(true);
  });

  it('allows registered tenants without making their users bootstrap coordinators', async () => {
    const asked: string[] = [];
    const s = new AccessService({
      access: new MemoryAccessRepository(),
      respondents: { findByIdentity: () => Promise.resolve(undefined) },
      bootstrap: { objectIds: ['aaaa'], tenantIds: [TENANT] },
      tenants: {
        municipalitiesOfTenant: (id) => {
          asked.push(id);
          return Promise.resolve(id === OTHER_TENANT ? ['potsdam'] : []);
        },
      },
    });
    expect(await s.isAllowedTenant(OTHER_TENANT.toUpperCase())).toBe(true);
    expect(await s.isAllowedTenant('88888888-2222-3333-4444-555555555555')).toBe(false);
    // The configured tenant needs no lookup, a repeated one is cached, a non-GUID is never looked up.
    expect(await s.isAllowedTenant(TENANT)).toBe(true);
    expect(await s.isAllowedTenant(OTHER_TENANT)).toBe(true);
    expect(await s.isAllowedTenant('tenant-x')).toBe(false);
    expect(asked).toEqual([OTHER_TENANT, '88888888-2222-3333-4444-555555555555']);
    expect((await s.check(aadIdentityKey(OTHER_TENANT, 'aaaa'), 'view_all')).allowed).toBe(false);
  });
});

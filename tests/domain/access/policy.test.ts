import fc from 'fast-check';
import {
  decide,
  visibleMunicipalities,
  type AccessAction,
  type Principal,
  type RoleGrant,
} from '../../../src/domain/access';
import type { Role } from '../../../src/domain/selbstcheck';

const coordinator: Principal = {
  identityKey: 'aad:t:c',
  grants: [{ role: 'coordinator' }],
  municipalityId: null,
  respondentRole: null,
};
const lead: Principal = {
  identityKey: 'aad:t:l',
  grants: [{ role: 'lead', municipalityId: 'potsdam' }],
  municipalityId: 'potsdam',
  respondentRole: null,
};
const respondent: Principal = {
  identityKey: 'aad:t:r',
  grants: [],
  municipalityId: 'potsdam',
  respondentRole: 'integration_staff',
};

const ALL_ROLES: readonly Role[] = [
  'mayor',
  'department_head',
  'integration_officer',
  'integration_staff',
  'advisory_council',
  'other',
];
const asRespondent = (
  respondentRole: Role | null,
  municipalityId: string | null = 'potsdam',
  grants: readonly RoleGrant[] = [],
): Principal => ({
  identityKey: 'aad:t:x',
  grants,
  municipalityId,
  respondentRole,
});

const PER_MUNICIPALITY: AccessAction[] = ['view_results', 'view_respondents', 'export', 'mark_complete', 'subscribe'];

describe('access policy', () => {
  it('lets coordinators do everything, for every municipality', () => {
    for (const action of [...PER_MUNICIPALITY, 'view_own', 'view_all', 'grant_roles'] as AccessAction[]) {
      expect(decide(coordinator, action, { municipalityId: 'leipzig' }).allowed).toBe(true);
    }
    expect(visibleMunicipalities(coordinator)).toBe('all');
  });

  it('lets a lead act for their own municipality only', () => {
    for (const action of PER_MUNICIPALITY) {
      expect(decide(lead, action, { municipalityId: 'potsdam' }).allowed).toBe(true);
      expect(decide(lead, action, { municipalityId: 'leipzig' }).allowed).toBe(false);
      expect(decide(lead, action).allowed).toBe(false);
    }
    expect(decide(lead, 'view_all').allowed).toBe(false);
    expect(decide(lead, 'grant_roles').allowed).toBe(false);
    expect(visibleMunicipalities(lead)).toEqual(['potsdam']);
  });

  it('lets a respondent see only their own answers', () => {
    expect(decide(respondent, 'view_own', { municipalityId: 'potsdam' }).allowed).toBe(true);
    expect(decide(respondent, 'view_own', { municipalityId: 'leipzig' }).allowed).toBe(false);
    for (const action of [...PER_MUNICIPALITY, 'view_all', 'grant_roles'] as AccessAction[]) {
      expect(decide(respondent, action, { municipalityId: 'potsdam' }).allowed).toBe(false);
    }
    expect(visibleMunicipalities(respondent)).toEqual([]);
  });

  it('gives a denial no detail', () => {
    expect(decide(respondent, 'export', { municipalityId: 'leipzig' })).toEqual({ allowed: false });
  });

  describe('closing a round', () => {
    it('is for the municipality’s lead and coordinators, never for the function a respondent chose', () => {
      expect(decide(lead, 'close_round', { municipalityId: 'potsdam' }).allowed).toBe(true);
      expect(decide(lead, 'close_round', { municipalityId: 'leipzig' }).allowed).toBe(false);
      expect(decide(lead, 'close_round').allowed).toBe(false);
      expect(decide(coordinator, 'close_round', { municipalityId: 'leipzig' }).allowed).toBe(true);
      for (const role of [...ALL_ROLES, null]) {
        expect(decide(asRespondent(role), 'close_round', { municipalityId: 'potsdam' })).toEqual({ allowed: false });
      }
    });

    it('depends on granted roles only, never on the chosen function or the own municipality', () => {
      const municipality = fc.constantFrom('potsdam', 'leipzig', 'kiel');
      const grant: fc.Arbitrary<RoleGrant> = fc.oneof(
        fc.constant<RoleGrant>({ role: 'coordinator' }),
        municipality.map((municipalityId): RoleGrant => ({ role: 'lead', municipalityId })),
      );
      fc.assert(
        fc.property(
          fc.option(fc.constantFrom(...ALL_ROLES), { nil: null }),
          fc.option(municipality, { nil: null }),
          fc.array(grant, { maxLength: 3 }),
          fc.option(municipality, { nil: undefined }),
          (role, own, grants, target) => {
            const expected =
              grants.some((g) => g.role === 'coordinator') ||
              (target !== undefined && grants.some((g) => g.role === 'lead' && g.municipalityId === target));
            const p = asRespondent(role, own, grants);
            expect(
              decide(p, 'close_round', target === undefined ? undefined : { municipalityId: target }).allowed,
            ).toBe(expected);
          },
        ),
      );
    });
  });
});

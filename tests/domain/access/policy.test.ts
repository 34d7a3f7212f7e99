import { decide, visibleMunicipalities, type AccessAction, type Principal } from '../../../src/domain/access';

const coordinator: Principal = { identityKey: 'aad:t:c', grants: [{ role: 'coordinator' }], municipalityId: null };
const lead: Principal = { identityKey: 'aad:t:l', grants: [{ role: 'lead', municipalityId: 'potsdam' }], municipalityId: 'potsdam' };
const respondent: Principal = { identityKey: 'aad:t:r', grants: [], municipalityId: 'potsdam' };

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
});

import fc from 'fast-check';
import { namedTarget, type Principal } from '../../../src/domain/access';
import type { Municipality } from '../../../src/domain/model';

const m = (id: string, name: string, extra: Partial<Municipality> = {}): Municipality => ({
  id,
  name,
  kind: 'kreisfreie_stadt',
  state: 'Brandenburg',
  officialKey: null,
  archived: false,
  demo: false,
  ...extra,
});
const ALL = [
  m('potsdam', 'Potsdam'),
  m('kiel', 'Kiel'),
  m('lk-goerlitz', 'Landkreis Görlitz'),
  m('lk-osnabrueck', 'Landkreis Osnabrück'),
  m('old', 'Altstadt', { archived: true }),
  m('musterstadt-demo', 'Musterstadt (Demo)', { demo: true }),
];
const who = (grants: Principal['grants']): Principal => ({
  identityKey: 'aad:t:x',
  grants,
  municipalityId: null,
  respondentRole: null,
});
const coordinator = who([{ role: 'coordinator' }]);
const leadOfPotsdam = who([{ role: 'lead', municipalityId: 'potsdam' }]);
const mayLead = (p: Principal) => (x: Municipality) =>
  p.grants.some((g) => g.role === 'coordinator' || g.municipalityId === x.id);

describe('namedTarget (the municipality a command names)', () => {
  it('finds, and tells coordinators about unknown and ambiguous names with the open, real ones as candidates', () => {
    expect(namedTarget('potsdam', ALL, coordinator, mayLead(coordinator))).toEqual({
      kind: 'found',
      municipality: ALL[0],
    });
    expect(namedTarget('Atlantis', ALL, coordinator, mayLead(coordinator))).toEqual({
      kind: 'unknown',
      candidates: ['Potsdam', 'Kiel', 'Landkreis Görlitz', 'Landkreis Osnabrück'],
    });
    expect(namedTarget('Landkreis', ALL, coordinator, mayLead(coordinator))).toMatchObject({ kind: 'ambiguous' });
  });

  it('gives a lead one refusal for another municipality, an unknown and an ambiguous name alike', () => {
    expect(namedTarget('Potsdam', ALL, leadOfPotsdam, mayLead(leadOfPotsdam)).kind).toBe('found');
    for (const name of ['Kiel', 'Atlantis', 'Landkreis'])
      expect(namedTarget(name, ALL, leadOfPotsdam, mayLead(leadOfPotsdam))).toEqual({ kind: 'denied' });
  });

  it('refuses anyone without a role before looking at the name, whatever it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        let asked = false;
        const result = namedTarget(name, ALL, who([]), () => ((asked = true), true));
        expect(result).toEqual({ kind: 'denied' });
        expect(asked).toBe(false);
      }),
    );
  });
});

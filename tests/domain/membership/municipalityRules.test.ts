import fc from 'fast-check';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../../../src/domain/model';
import {
  CONSUMER_TENANT_ID,
  FEDERAL_STATES,
  checkTenantId,
  federalState,
  keyProblem,
  municipalityKind,
  municipalityName,
  newMunicipalityId,
  officialKeyDigits,
  slugOf,
  validateMunicipality,
} from '../../../src/domain/membership/municipalityRules';

const state = (name: string) => {
  const s = federalState(name);
  if (s === undefined) throw new Error(`no state ${name}`);
  return s;
};

describe('federal states', () => {
  it('are the 16 Länder with the numbers 01 … 16 that official keys start with', () => {
    expect(FEDERAL_STATES).toHaveLength(16);
    expect(FEDERAL_STATES.map((s) => s.code)).toEqual(
      Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(new Set(FEDERAL_STATES.map((s) => s.abbreviation)).size).toBe(16);
    expect(FEDERAL_STATES[0]?.name).toBe('Schleswig-Holstein');
    expect(FEDERAL_STATES[15]?.name).toBe('Thüringen');
  });

  it.each([
    ['Nordrhein-Westfalen', 'Nordrhein-Westfalen'],
    ['NRW', 'Nordrhein-Westfalen'],
    ['nordrhein westfalen', 'Nordrhein-Westfalen'],
    ['North Rhine-Westphalia', 'Nordrhein-Westfalen'],
    ['Baden-Wuerttemberg', 'Baden-Württemberg'],
    ['baden-wurttemberg', 'Baden-Württemberg'],
    ['BW', 'Baden-Württemberg'],
    ['Thueringen', 'Thüringen'],
    ['Thuringia', 'Thüringen'],
    ['Freistaat Bayern', 'Bayern'],
    ['Bavaria', 'Bayern'],
    ['by', 'Bayern'],
    ['  Sachsen-Anhalt ', 'Sachsen-Anhalt'],
    ['Saxony-Anhalt', 'Sachsen-Anhalt'],
    ['Sachsen', 'Sachsen'],
    ['MV', 'Mecklenburg-Vorpommern'],
    ['Rheinland Pfalz', 'Rheinland-Pfalz'],
    ['Lower Saxony', 'Niedersachsen'],
  ])('reads %s as %s', (typed, canonical) => {
    expect(federalState(typed)?.name).toBe(canonical);
  });

  it('refuses what is not a German state', () => {
    for (const text of ['', 'Demo', 'Tirol', 'Sachsen-Bayern', 'x'.repeat(1000), 'Österreich', '05'])
      expect({ text, state: federalState(text)?.name }).toEqual({ text, state: undefined });
  });

  it('every canonical name reads as itself', () => {
    for (const s of FEDERAL_STATES) expect(federalState(s.name)).toBe(s);
  });
});

describe('kinds', () => {
  it.each([
    ['Gemeinde', 'gemeinde'],
    ['municipality', 'gemeinde'],
    ['kreisangehörige Stadt', 'kreisangehoerige_stadt'],
    ['Kreisangehoerige-Stadt', 'kreisangehoerige_stadt'],
    ['kreisangehörig', 'kreisangehoerige_stadt'],
    ['Große Kreisstadt', 'kreisangehoerige_stadt'],
    ['town within a district', 'kreisangehoerige_stadt'],
    ['kreisfreie Stadt', 'kreisfreie_stadt'],
    ['kreisfrei', 'kreisfreie_stadt'],
    ['independent city', 'kreisfreie_stadt'],
    ['Stadtkreis', 'kreisfreie_stadt'],
    ['Landkreis', 'landkreis'],
    ['Kreis', 'landkreis'],
    ['district', 'landkreis'],
    ['kreisfreie_stadt', 'kreisfreie_stadt'],
  ])('reads %s as %s', (typed, kind) => {
    expect(municipalityKind(typed)).toBe(kind);
  });

  it('refuses unknown words (a plain "Stadt" could be either kind of town)', () => {
    for (const text of ['Stadt', 'Bezirk', '', 'landkreise', 'x'.repeat(500)])
      expect(municipalityKind(text)).toBeUndefined();
  });
});

describe('official keys', () => {
  const kinds = fc.constantFrom(...MUNICIPALITY_KINDS);
  const states = fc.constantFrom(...FEDERAL_STATES);

  it('a Landkreis has 5 digits, every other kind 8', () => {
    expect(officialKeyDigits('landkreis')).toBe(5);
    for (const k of ['gemeinde', 'kreisangehoerige_stadt', 'kreisfreie_stadt'] as MunicipalityKind[])
      expect(officialKeyDigits(k)).toBe(8);
  });

  it('property: a key of the right length starting with the state number fits; any other length does not', () => {
    fc.assert(
      fc.property(kinds, states, fc.stringMatching(/^\d{0,10}$/), (kind, s, tail) => {
        const key = s.code + tail;
        const fits = key.length === officialKeyDigits(kind);
        expect(keyProblem(key, kind, s)).toEqual(
          fits ? undefined : { kind: 'keyFormat', digits: officialKeyDigits(kind) },
        );
      }),
    );
  });

  it('property: a well-formed key of another state is refused with the prefix to expect', () => {
    fc.assert(
      fc.property(kinds, states, states, fc.stringMatching(/^\d{6}$/), (kind, s, other, tail) => {
        fc.pre(s.code !== other.code);
        const key = (other.code + tail).slice(0, officialKeyDigits(kind));
        expect(keyProblem(key, kind, s)).toEqual({ kind: 'keyState', prefix: s.code, state: s.name });
      }),
    );
  });

  it('real keys: Potsdam, Landkreis Görlitz, Berlin; spaces are forgiven, letters are not', () => {
    expect(keyProblem('12054000', 'kreisfreie_stadt', state('Brandenburg'))).toBeUndefined();
    expect(keyProblem('12 054 000', 'kreisfreie_stadt', state('Brandenburg'))).toBeUndefined();
    expect(keyProblem('14626', 'landkreis', state('Sachsen'))).toBeUndefined();
    expect(keyProblem('11000000', 'kreisfreie_stadt', state('Berlin'))).toBeUndefined();
    expect(keyProblem('14626', 'kreisfreie_stadt', state('Sachsen'))).toEqual({ kind: 'keyFormat', digits: 8 });
    expect(keyProblem('1205400O', 'kreisfreie_stadt', state('Brandenburg'))).toEqual({ kind: 'keyFormat', digits: 8 });
  });
});

describe('names and ids', () => {
  it('accepts real place names and tidies spaces', () => {
    for (const name of [
      'Halle (Saale)',
      'Frankfurt am Main',
      'St. Ingbert',
      'Rheda-Wiedenbrück',
      'Mühlhausen/Thüringen',
    ])
      expect(municipalityName(name)).toBe(name);
    expect(municipalityName('  Neustadt   an der   Weinstraße ')).toBe('Neustadt an der Weinstraße');
  });

  it('refuses empty, too long and markup-like names', () => {
    for (const name of ['', '   ', 'x'.repeat(101), '**fett**', '<at>x</at>', 'a;b', '`code`', '---', '[link](x)'])
      expect({ name, ok: municipalityName(name) }).toEqual({ name, ok: undefined });
    expect(municipalityName('x'.repeat(100))).toBe('x'.repeat(100));
  });

  it('slugs follow the seeded ids (ä → ae, Landkreis → lk)', () => {
    expect(slugOf('Landkreis Teltow-Fläming')).toBe('lk-teltow-flaeming');
    expect(slugOf('Halle (Saale)')).toBe('halle-saale');
    expect(slugOf('Lübeck')).toBe('luebeck');
    expect(slugOf('Weißenfels')).toBe('weissenfels');
  });

  it('property: ids are unique, short and url-safe', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 100 }).filter((n) => slugOf(n) !== ''),
        fc.constantFrom(...FEDERAL_STATES),
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { maxLength: 20 }),
        (name, s, existing) => {
          const taken = new Set([...existing, slugOf(name), `${slugOf(name)}-${s.abbreviation}`]);
          const id = newMunicipalityId(name, s, taken);
          expect(taken.has(id)).toBe(false);
          expect(id).toMatch(/^[a-z0-9-]{1,64}$/);
        },
      ),
    );
  });

  it('a second "Neustadt" gets the state in its id, a third a number', () => {
    const by = state('Bayern');
    expect(newMunicipalityId('Neustadt', by, new Set())).toBe('neustadt');
    expect(newMunicipalityId('Neustadt', by, new Set(['neustadt']))).toBe('neustadt-by');
    expect(newMunicipalityId('Neustadt', by, new Set(['neustadt', 'neustadt-by']))).toBe('neustadt-by-2');
  });
});

describe('validateMunicipality', () => {
  it('returns the canonical record', () => {
    expect(
      validateMunicipality({ name: ' Görlitz ', kind: 'kreisfrei', state: 'Saxony', officialKey: '14 626 110' }),
    ).toEqual({
      ok: true,
      value: { name: 'Görlitz', kind: 'kreisfreie_stadt', state: 'Sachsen', officialKey: '14626110' },
    });
    expect(validateMunicipality({ name: 'Kreis Lippe', kind: 'Landkreis', state: 'NRW', officialKey: null })).toEqual({
      ok: true,
      value: { name: 'Kreis Lippe', kind: 'landkreis', state: 'Nordrhein-Westfalen', officialKey: null },
    });
  });

  it('names the first problem', () => {
    const base = { name: 'Neustadt', kind: 'Gemeinde', state: 'Bayern', officialKey: null };
    expect(validateMunicipality({ ...base, name: '' })).toEqual({ ok: false, problem: { kind: 'name' } });
    expect(validateMunicipality({ ...base, kind: 'Stadt' })).toEqual({ ok: false, problem: { kind: 'kind' } });
    expect(validateMunicipality({ ...base, state: 'Tirol' })).toEqual({ ok: false, problem: { kind: 'state' } });
    expect(validateMunicipality({ ...base, officialKey: '09123' })).toEqual({
      ok: false,
      problem: { kind: 'keyFormat', digits: 8 },
    });
    expect(validateMunicipality({ ...base, officialKey: '08123456' })).toEqual({
      ok: false,
      problem: { kind: 'keyState', prefix: '09', state: 'Bayern' },
    });
  });
});

describe('tenant ids', () => {
  it('are GUIDs, stored lower case; braces are forgiven', () => {
    expect(checkTenantId('3C5D7E9F-1A2B-4C3D-8E9F-0A1B2C3D4E5F')).toEqual({
      ok: true,
      tenantId: '3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    });
    expect(checkTenantId('{3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f}')).toEqual({
      ok: true,
      tenantId: '3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    });
  });

  it('refuses anything else, the nil GUID and the personal-accounts tenant', () => {
    for (const text of [
      'tenant-1',
      'common',
      '3c5d7e9f1a2b4c3d8e9f0a1b2c3d4e5f',
      '00000000-0000-0000-0000-000000000000',
      'x'.repeat(100),
    ])
      expect(checkTenantId(text)).toEqual({ ok: false, problem: 'format' });
    expect(checkTenantId(CONSUMER_TENANT_ID.toUpperCase())).toEqual({ ok: false, problem: 'consumer' });
  });
});

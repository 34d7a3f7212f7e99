/**
 * The function typed in one's own words: every label and its everyday variants map to its role, typos within
 * a small budget too, an input naming two functions is ambiguous, and no input (however long or hostile)
 * maps to more than one role or takes more than linear time.
 */
import fc from 'fast-check';
import {
  MAX_ROLE_INPUT_LENGTH,
  boundedDistance,
  matchRole,
  roleTokens,
  typoBudget,
} from '../../../src/domain/conversation/roleWords';
import { ROLES, ROLE_LABELS, type Role } from '../../../src/domain/selbstcheck';

const roleArb = fc.constantFrom(...ROLES);

/** Plain Levenshtein, for checking the banded one. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
      );
    prev = row;
  }
  return prev[b.length] ?? 0;
}

describe('matchRole', () => {
  it.each<[string, Role]>([
    ['Integrationsbeauftragte', 'integration_officer'],
    ['Integrationsbeauftragte*r', 'integration_officer'],
    ['Integrationsbeauftragter', 'integration_officer'],
    ['Integrationsbeauftragte:r', 'integration_officer'],
    ['integration officer', 'integration_officer'],
    ['Integrationsbeauftrage', 'integration_officer'],
    ['Intergrationsbeauftragte', 'integration_officer'],
    ['ich bin die Integrationsbeauftragte der Stadt', 'integration_officer'],
    ['Flüchtlingskoordinatorin', 'integration_officer'],
    ['Bürgermeisterin', 'mayor'],
    ['Buergermeister', 'mayor'],
    ['Oberbürgermeister', 'mayor'],
    ['Landrätin', 'mayor'],
    ['Verwaltungsspitze', 'mayor'],
    ['Beirat', 'advisory_council'],
    ['Mitglied im Integrationsbeirat', 'advisory_council'],
    ['advisory council', 'advisory_council'],
    ['Fachbereichsleitung', 'department_head'],
    ['Fachbereichsleiterin', 'department_head'],
    ['Amtsleiterin', 'department_head'],
    ['head of department', 'department_head'],
    ['Mitarbeiterin Integrationsstelle', 'integration_staff'],
    ['Mitarbeiter:innen Integrationsstelle', 'integration_staff'],
    ['MitarbeiterIn der Integrationsstelle', 'integration_staff'],
    ['integration unit', 'integration_staff'],
    ['Sonstige', 'other'],
    ['Andere Funktion', 'other'],
    ['other role', 'other'],
  ])('takes "%s" as %s', (text, role) => {
    expect(matchRole(text)).toEqual({ kind: 'match', role });
  });

  it.each(['', '1', 'ja', 'Potsdam', 'hilfe', 'xyz', '***', 'Kaffee'])('finds no function in "%s"', (text) => {
    expect(matchRole(text)).toEqual({ kind: 'none' });
  });

  it('does not guess when the words fit several functions', () => {
    expect(matchRole('Integration')).toEqual({
      kind: 'ambiguous',
      roles: ['department_head', 'integration_officer', 'integration_staff', 'advisory_council'],
    });
    expect(matchRole('Bürgermeisterin und Beirat')).toEqual({
      kind: 'ambiguous',
      roles: ['mayor', 'advisory_council'],
    });
  });

  it('maps every label, in either language, and its spelling variants to its role', () => {
    const variant = fc.constantFrom<(s: string) => string>(
      (s) => s,
      (s) => s.toUpperCase(),
      (s) => s.toLowerCase(),
      (s) => `  ${s}  `,
      (s) => `${s}.`,
      (s) => `ich bin ${s}`,
      (s) => s.replace(/\*r\b/u, 'r').replace(/\*in\b/u, 'in'),
      (s) => s.replace(/\*/gu, ':'),
      (s) => s.replace(/\*/gu, '_'),
      (s) => s.replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue'),
    );
    fc.assert(
      fc.property(roleArb, fc.constantFrom('de' as const, 'en' as const), variant, (role, locale, v) => {
        expect(matchRole(v(ROLE_LABELS[role][locale]))).toEqual({ kind: 'match', role });
      }),
    );
  });

  it('tolerates one typo in a long word of a label', () => {
    fc.assert(
      fc.property(roleArb, fc.nat(), fc.nat(), (role, wordPick, at) => {
        const words = ROLE_LABELS[role].de.split(' ').filter((w) => /^[\p{L}*]{10,}$/u.test(w));
        fc.pre(words.length > 0);
        const word = words[wordPick % words.length] ?? '';
        // A letter inside the word dropped (not the first two, which carry the gender-neutral stem's start).
        const i = 2 + (at % (word.length - 4));
        const typo = ROLE_LABELS[role].de.replace(word, word.slice(0, i) + word.slice(i + 1));
        expect(matchRole(typo)).toEqual({ kind: 'match', role });
      }),
    );
  });

  it('names two functions typed together as ambiguous, with both roles', () => {
    fc.assert(
      fc.property(roleArb, roleArb, (a, b) => {
        fc.pre(a !== b);
        const result = matchRole(`${ROLE_LABELS[a].de} ${ROLE_LABELS[b].de}`);
        expect(result.kind).toBe('ambiguous');
        if (result.kind === 'ambiguous') expect(result.roles).toEqual(expect.arrayContaining([a, b]));
      }),
    );
  });

  it('never maps an input to more than one role, and an ambiguous answer names at least two', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc
        .array(fc.constantFrom(...ROLES.flatMap((r) => `${ROLE_LABELS[r].de} ${ROLE_LABELS[r].en}`.split(/\s+/u))), {
          maxLength: 6,
        })
        .map((ws) => ws.join(' ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const result = matchRole(t);
        if (result.kind === 'match') expect(ROLES).toContain(result.role);
        if (result.kind === 'ambiguous') {
          expect(result.roles.length).toBeGreaterThanOrEqual(2);
          expect(new Set(result.roles).size).toBe(result.roles.length);
        }
        // Deterministic: the same words always give the same answer.
        expect(matchRole(t)).toEqual(result);
      }),
    );
  });

  it('gives up on input beyond the bound and stays fast on hostile input', () => {
    expect(matchRole(`Integrationsbeauftragte ${'x'.repeat(MAX_ROLE_INPUT_LENGTH)}`)).toEqual({ kind: 'none' });
    const hostile = [
      'a'.repeat(MAX_ROLE_INPUT_LENGTH),
      '*:'.repeat(MAX_ROLE_INPUT_LENGTH / 2),
      'integrationsbeauftragt'.repeat(9),
      'ü'.repeat(MAX_ROLE_INPUT_LENGTH),
      'e\u0301'.repeat(MAX_ROLE_INPUT_LENGTH / 2),
      'a '.repeat(MAX_ROLE_INPUT_LENGTH / 2),
      'x'.repeat(1_000_000),
    ];
    const started = performance.now();
    for (let round = 0; round < 50; round++) for (const h of hostile) matchRole(h);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(roleTokens('Beirat '.repeat(40)).length).toBeLessThanOrEqual(16);
  });
});

describe('boundedDistance', () => {
  it('equals the Levenshtein distance when within the bound, and reports k + 1 beyond it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 14 }),
        fc.string({ maxLength: 14 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, k) => {
          const d = levenshtein(a, b);
          expect(boundedDistance(a, b, k)).toBe(d <= k ? d : k + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tolerates no typo in short words', () => {
    expect(typoBudget(4)).toBe(0);
    expect(matchRole('Bei')).toEqual({ kind: 'none' });
  });
});

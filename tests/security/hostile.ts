/**
 * Hostile values for the bad-input test: strings an attacker would type, values of the wrong type, card
 * payloads that are stale, foreign or out of scale, and JSON texts nested deeper than any parser expects.
 */
import fc from 'fast-check';

const LONG = 20_000;

/** Long texts at and just past the 20,000-character limit; several defeat backtracking regexes. */
export const LONG_TEXTS: readonly string[] = [
  'a'.repeat(LONG),
  ' '.repeat(LONG),
  `${'!'.repeat(LONG - 1)}x`,
  `${'.'.repeat(LONG / 2)}${' '.repeat(LONG / 2 - 1)}x`,
  '<at>'.repeat(LONG / 4),
  '<at>x</at>'.repeat(LONG / 10),
  `ändern ${' '.repeat(LONG - 9)}x`,
  `lead ${'<at>'.repeat(LONG / 4 - 2)}`,
  'x'.repeat(LONG + 1),
  '\u200B'.repeat(LONG),
  'ä'.repeat(LONG),
  'Was ist die Weltoffene Kommune? '.repeat(LONG / 32).slice(0, LONG),
];

/** Commands and answers the bot knows, so generated activities reach deep into the dialogs. */
export const COMMANDS: readonly string[] = [
  'hilfe',
  'help',
  'start',
  'ja',
  'nein',
  'weiter',
  'zurück',
  'überspringen',
  'pause',
  'status',
  'ergebnis',
  'abschließen',
  'neu beginnen',
  'ja, neu beginnen',
  'ändern MS-01',
  'ändern XX-99',
  'ändern',
  'feld KK',
  'feld ZZ',
  'formular',
  'formular MS',
  'einzeln',
  'english',
  'deutsch',
  'Potsdam',
  'Kiel',
  'Integrationsbeauftragte*r / Flüchtlingskoordination',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '0',
  '-1',
  '1.5',
  '１',
  '٣',
  'voll',
  'teilweise',
  'abonnieren alle',
  'abonnieren potsdam',
  'abbestellen potsdam',
  'abos',
  'rollen',
  'zustellungen',
  'zustellungen wiederholen',
  'rolle lead potsdam aad:tenant-1:a0000000-0000-4000-8000-0000000000a1',
  'rolle koordination <at>Victim</at>',
  'entziehen lead potsdam aad:tenant-1:a0000000-0000-4000-8000-0000000000a1',
  'export potsdam pdf',
  'export alle json',
  'vergleich potsdam',
  'wer fehlt potsdam',
  'erinnerungen aus',
  'als abgeschlossen markieren potsdam',
  '<at>Weltoffen-Bot</at> hilfe',
  '<at>Weltoffen-Bot</at> abonnieren alle',
  'Was ist die Weltoffene Kommune?',
];

/** Short hostile strings: control and invisible characters, injection attempts, JSON-looking text. */
export const HOSTILE_SHORT: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'hilfe\u0000',
  '\uD800',
  '\uDFFFhilfe',
  'start\uD83D',
  '\u202Ehilfe',
  'hil\u200Bfe',
  '\uFEFFstart',
  '\u061C\u200F٣',
  "'; DROP TABLE respondent; --",
  "1' OR '1'='1",
  'Robert"); DELETE FROM answer; --',
  '$$; SELECT pg_sleep(10); $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[klick](javascript:alert(1))',
  '![x](http://127.0.0.1:9/t.png)',
  '**fett** _kursiv_ `code` # Titel\n\n---',
  '<at>Weltoffen-Bot</at>',
  '<at></at><at><at>',
  '&nbsp;&nbsp;hilfe&nbsp;',
  '{"verb":"answer","answer":"full"}',
  '{"__proto__":{"admin":true}}',
  '[[[[[[[[[[',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '${7*7}',
  '{{7*7}}',
  '%s%s%s%n',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '👩🏽‍💻🇩🇪',
  `e${'\u0301'.repeat(200)}`,
  'مرحبا',
  'Привіт',
  'Merhaba',
  '\r\n\r\nHTTP/1.1 200 OK',
  'a\u2028b\u2029c',
];

/** Values of the wrong type for fields that should hold strings or objects. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  [],
  [null],
  ['hilfe'],
  {},
  { id: 1 },
  '',
  [[[]]],
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...COMMANDS), weight: 24 },
  { arbitrary: fc.constantFrom(...HOSTILE_SHORT), weight: 24 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 12 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 8 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.constantFrom(...HOSTILE_SHORT)).map(([a, b]) => `${a}${b}`),
    weight: 12,
  },
  // Long texts cost seconds of CPU each today (and block the event loop): they are sent once each on purpose
  // (see the test) and appear in generated card comments, not in every generated text.
);

/** Anything at all where a string is expected. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** Keys that trip up code which copies objects without care. */
export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'verb',
];

/** An object with own `__proto__`/`constructor` keys (as JSON.parse makes them, unlike an object literal). */
export function withDangerousKeys(
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra))
    Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  return copy;
}

const VERBS = ['answer', 'skip', 'back', 'pause', 'change', 'continue', 'overall', 'form', 'single'];
const ANSWERS = ['full', 'partial', 'planned', 'none', 'unknown', 'skipped'];
const QUESTION_IDS = [
  'MS-01',
  'MS-02',
  'MS-03',
  'IO-01',
  'KK-01',
  'XX-99',
  'ms-01',
  'MS-1',
  'MS-001',
  'MS-99',
  'ZZ-00',
];

export interface CardContext {
  /** The victim's round: answers sent with it from another conversation are foreign. */
  victimAssessmentId: string;
  /** The victim's real answer action data (stale once answered, foreign everywhere else). */
  victimCardData: Record<string, unknown>;
}

/** Card payloads as Action.Submit values or Action.Execute data: stale, foreign, out of scale, huge forms. */
export function cardPayload(ctx: CardContext): fc.Arbitrary<unknown> {
  const assessmentId = fc.oneof(fc.constant(ctx.victimAssessmentId), fc.uuid(), fc.constant('x'.repeat(101)), anyValue);
  const questionnaireVersion = fc.oneof(
    fc.constantFrom(1, 2, 99, 0, -1, 1.5, '1', '1e3', 'abc', 1e308, null),
    anyValue,
  );
  const targeted = fc.record(
    {
      verb: fc.oneof({ arbitrary: fc.constantFrom(...VERBS), weight: 5 }, { arbitrary: anyValue, weight: 1 }),
      assessmentId,
      questionId: fc.oneof(fc.constantFrom(...QUESTION_IDS), anyValue),
      questionnaireVersion,
      answer: fc.oneof(
        fc.constantFrom(...ANSWERS, 'excellent', '', 'FULL', 'voll'),
        fc.integer({ min: -2, max: 9 }),
        anyValue,
      ),
      comment: fc.oneof(hostileString, fc.constantFrom('k'.repeat(2001), ...LONG_TEXTS.slice(0, 3)), anyValue),
      fieldId: fc.oneof(fc.constantFrom('MS', 'KK', 'IO', 'ZZ', 'ms'), anyValue),
    },
    { requiredKeys: [] },
  );
  const stale = fc
    .record({
      answer: fc.oneof(fc.constantFrom(...ANSWERS), anyValue),
      comment: fc.option(hostileString, { nil: undefined }),
    })
    .map((extra) => ({ ...ctx.victimCardData, ...extra }));
  // A form with hundreds of inputs: real and invented question ids, values on and off the scale.
  const hugeForm = fc
    .tuple(fc.integer({ min: 60, max: 400 }), fc.constantFrom(...ANSWERS, 'excellent', ''), assessmentId)
    .map(([n, answer, id]) => {
      const form: Record<string, unknown> = { verb: 'form', assessmentId: id, questionnaireVersion: 1, fieldId: 'MS' };
      for (let i = 0; i < n; i++)
        form[
          `a_${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (((i / 26) | 0) % 26))}-${String(i % 100).padStart(2, '0')}`
        ] = answer;
      return form;
    });
  // JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead).
  const proto = fc
    .tuple(fc.constantFrom(...DANGEROUS_KEYS), anyValue)
    .map(([key, v]) =>
      withDangerousKeys(
        { ...ctx.victimCardData, answer: 'none' },
        { ...(JSON.parse('{"__proto__":{"verb":"answer","isAdmin":true}}') as object), [key]: v },
      ),
    );
  return fc.oneof(
    { arbitrary: targeted, weight: 5 },
    { arbitrary: stale, weight: 2 },
    { arbitrary: hugeForm, weight: 1 },
    { arbitrary: proto, weight: 1 },
    { arbitrary: anyValue, weight: 1 },
  );
}

/**
 * A JSON text nested `depth` levels deep, built by hand (JSON.stringify of such a value would overflow
 * the stack): `[[[…]]]` or `{"a":{"a":…}}`.
 */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** An activity's JSON text with `field` replaced by a deeply nested value. */
export function activityWithDeepField(
  activity: Record<string, unknown>,
  field: string,
  depth: number,
  kind: 'array' | 'object',
): string {
  const marker = '"__DEEP__"';
  return JSON.stringify({ ...activity, [field]: '__DEEP__' }).replace(marker, deepJson(depth, kind));
}

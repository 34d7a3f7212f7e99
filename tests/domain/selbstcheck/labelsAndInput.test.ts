import {
  ANSWER_VALUES,
  FIELD_IDS,
  LEVELS,
  ROLES,
  answerChoices,
  answerLabel,
  fieldName,
  levelFor,
  levelLabel,
  parseTypedAnswer,
  roleLabel,
  trafficLightFor,
} from '../../../src/domain/selbstcheck';

describe('parseTypedAnswer', () => {
  it.each([
    ['1', 'full'],
    [' 2 ', 'partial'],
    ['3.', 'planned'],
    ['4', 'none'],
    ['5', 'unknown'],
    ['2 teilweise', 'partial'],
    ['Teilweise', 'partial'],
    ['TEILWEISE!', 'partial'],
    ['partly', 'partial'],
    ['Partly in place', 'partial'],
    ['Vollständig umgesetzt', 'full'],
    ['vollstaendig', 'full'],
    ['geplant', 'planned'],
    ['Nicht vorhanden', 'none'],
    ['nein', 'none'],
    ['Weiß nicht', 'unknown'],
    ['weiss nicht', 'unknown'],
    ['WEISS NICHT', 'unknown'],
    ["don't know", 'unknown'],
    ['Don’t know', 'unknown'],
    ['dont know', 'unknown'],
    ['überspringen', 'skipped'],
    ['ueberspringen', 'skipped'],
    ['skip', 'skipped'],
  ])('%j → %s', (input, expected) => {
    expect(parseTypedAnswer(input)).toBe(expected);
    expect(parseTypedAnswer(input, 'en')).toBe(expected);
  });

  it.each(['', '   ', '0', '6', '12', 'vielleicht', 'maybe', '2 nein', 'teilweise geplant'])(
    '%j → undefined',
    (input) => {
      expect(parseTypedAnswer(input)).toBeUndefined();
    },
  );

  it('every card label parses back to its value in both languages', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const choice of answerChoices(locale)) {
        expect(parseTypedAnswer(choice.label, locale)).toBe(choice.value);
        expect(parseTypedAnswer(String(choice.number), locale)).toBe(choice.value);
      }
    }
  });
});

describe('labels', () => {
  it('has de and en labels for all fields, answers, roles and levels', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const f of FIELD_IDS) expect(fieldName(f, locale).length).toBeGreaterThan(3);
      for (const a of [...ANSWER_VALUES, 'skipped' as const]) expect(answerLabel(a, locale).length).toBeGreaterThan(3);
      for (const r of ROLES) expect(roleLabel(r, locale).length).toBeGreaterThan(3);
      for (const l of LEVELS) expect(levelLabel(l, locale).length).toBeGreaterThan(3);
    }
    expect(roleLabel('integration_officer')).toBe('Integrationsbeauftragte*r / Flüchtlingskoordination');
    expect(levelLabel('developing', 'de')).toBe('Aufbau');
    expect(fieldName('FZ', 'de')).toBe('Fairer Zugang und Teilhabechancen');
  });

  it('level and traffic light thresholds', () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map(levelFor)).toEqual([
      'entry',
      'entry',
      'developing',
      'developing',
      'advanced',
      'advanced',
      'pioneer',
      'pioneer',
    ]);
    expect([0, 39.9, 40, 69.9, 70, 100].map(trafficLightFor)).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      'green',
      'green',
    ]);
  });
});

/** Answers in people's own words and questions asked mid-check (issue #18), with properties over word mixes. */
import fc from 'fast-check';
import {
  SCALE_DEFINITIONS,
  interpretTypedAnswer,
  normalizeTypedText,
  parseTypedAnswer,
  recogniseQuestionAbout,
  type AnswerValue,
} from '../../../src/domain/selbstcheck';

describe('natural answers', () => {
  it.each([
    ['ja, aber nur teilweise', 'partial'],
    ['nein, gibt es nicht', 'none'],
    ['Nein.', 'none'],
    ['haben wir nicht', 'none'],
    ['kein Leitbild', 'none'],
    ['noch nicht', 'none'],
    ['teils', 'partial'],
    ['teilweise schon', 'partial'],
    ['Ja, zum Teil', 'partial'],
    ['in Planung', 'planned'],
    ['ist geplant', 'planned'],
    ['ja, ist in Planung', 'planned'],
    ['Weiß ich nicht', 'unknown'],
    ['keine Ahnung!', 'unknown'],
    ['ja, vollständig', 'full'],
    ['komplett umgesetzt', 'full'],
    ['partly', 'partial'],
    ['planned', 'planned'],
    ['it is planned', 'planned'],
    ['no', 'none'],
    ['no, we do not', 'none'],
    ["don't know", 'unknown'],
    ["I don't know", 'unknown'],
    ['not sure', 'unknown'],
    ['yes, fully', 'full'],
    ['2 teilweise schon', 'partial'],
  ])('%j → %s', (input, expected) => {
    expect(interpretTypedAnswer(input, 'de')).toEqual({ kind: 'answer', value: expected });
    expect(parseTypedAnswer(input, 'en')).toBe(expected);
  });

  it.each<[string, AnswerValue[]]>([
    ['ja', ['full', 'partial']],
    ['Ja, haben wir', ['full', 'partial']],
    ['gibt es', ['full', 'partial']],
    ['yes', ['full', 'partial']],
    ['yes, we have', ['full', 'partial']],
    ['noch nicht, aber geplant', ['planned', 'none']],
    ['nicht ganz', ['partial', 'none']],
    ['not fully', ['partial', 'none']],
    ['teilweise geplant', ['partial', 'planned']],
    ['ja, weiß nicht', ['full', 'partial', 'unknown']],
  ])('%j is asked back with %j', (input, candidates) => {
    expect(interpretTypedAnswer(input, 'de')).toEqual({ kind: 'ambiguous', candidates });
    expect(parseTypedAnswer(input)).toBeUndefined();
  });

  it.each(['vielleicht', 'maybe', 'Leitbild', '2 aber nicht wirklich', '1 nein', 'hm'])('%j → nothing', (input) => {
    expect(parseTypedAnswer(input)).toBeUndefined();
  });

  const words = fc.constantFrom(
    'ja',
    'yes',
    'nein',
    'no',
    'nicht',
    'not',
    'kein',
    'keine',
    'teilweise',
    'teils',
    'partly',
    'geplant',
    'planned',
    'in',
    'planung',
    'vollständig',
    'fully',
    'haben',
    'wir',
    'gibt',
    'es',
    'we',
    'have',
    'aber',
    'but',
    'schon',
    'noch',
    'weiß',
    'know',
    "don't",
    'Leitbild',
    'umgesetzt',
    'vorhanden',
    'zum',
    'teil',
    '2',
    '1',
    '3',
    ',',
    '!',
    'Nicht',
    'NO',
  );
  const sentence = fc.array(words, { minLength: 1, maxLength: 7 }).map((ws) => ws.join(' '));
  const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'nein', 'no', 'not', 'dont']);
  const UNKNOWN = /\b(weiss nicht|weiss ich nicht|dont know|do not know|not sure|no idea|keine ahnung)\b/;

  it('a sentence with a negation never maps to a positive value (unless it says "don\'t know")', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        const normalized = normalizeTypedText(text);
        const negated = normalized.split(' ').some((t) => NEGATIONS.has(t));
        const value = parseTypedAnswer(text);
        if (negated && !UNKNOWN.test(normalized)) expect(['full', 'partial', 'planned']).not.toContain(value);
        if (negated && value !== undefined) expect(['none', 'unknown', 'skipped']).toContain(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('every input has exactly one reading or is asked back with two or more distinct candidates', () => {
    fc.assert(
      fc.property(sentence, fc.constantFrom('de' as const, 'en' as const), (text, locale) => {
        const typed = interpretTypedAnswer(text, locale);
        // The same words mean the same in both languages' order of lookup, so no input has two values.
        expect(interpretTypedAnswer(text, locale === 'de' ? 'en' : 'de')).toEqual(typed);
        if (typed.kind === 'ambiguous') {
          expect(typed.candidates.length).toBeGreaterThanOrEqual(2);
          expect(new Set(typed.candidates).size).toBe(typed.candidates.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a degree word and a contradicting degree word are never mapped to one of them', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        const n = normalizeTypedText(text).split(' ');
        const partial = n.includes('teilweise') || n.includes('teils') || n.includes('partly');
        const planned = n.includes('geplant') || n.includes('planned') || n.includes('planung');
        const value = parseTypedAnswer(text);
        if (partial && planned && !/^\d/.test(n[0] ?? ''))
          expect(value === 'partial' || value === 'planned').toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads long sentences in linear time and ignores text over the bound', () => {
    expect(parseTypedAnswer(`${'ja '.repeat(70)}teilweise`)).toBeUndefined();
    const started = Date.now();
    for (let i = 0; i < 200; i++) interpretTypedAnswer(`${'nicht teilweise '.repeat(12)}`.slice(0, 199));
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('questions mid-check', () => {
  it.each<[string, AnswerValue[]]>([
    ['was bedeutet geplant?', ['planned']],
    ['Was heißt teilweise?', ['partial']],
    ['what does planned mean?', ['planned']],
    ['What is the difference between partly and planned?', ['partial', 'planned']],
    ['was heißt weiß nicht genau', ['unknown']],
    ['Zählt ein Entwurf schon als geplant?', ['planned']],
  ])('%j asks about %j', (input, values) => {
    expect(recogniseQuestionAbout(input)).toEqual({ kind: 'scale', values });
  });

  it.each(['was ist mit Leitbild gemeint?', 'What is meant by mission statement?', 'Wie ist das gemeint'])(
    '%j asks about the question',
    (input) => {
      expect(recogniseQuestionAbout(input)).toEqual({ kind: 'question' });
    },
  );

  it.each([
    'geplant',
    'teilweise',
    'ja, haben wir',
    'do not know',
    "don't know",
    'nein',
    '3',
    'Leitbild?',
    'Wie ist das Wetter?',
    'Was kostet das?',
  ])('%j is no question', (input) => {
    expect(recogniseQuestionAbout(input)).toBeUndefined();
  });

  it('every scale step has a definition in German and English', () => {
    for (const value of ['full', 'partial', 'planned', 'none', 'unknown'] as const) {
      expect(SCALE_DEFINITIONS[value].de.length).toBeGreaterThan(20);
      expect(SCALE_DEFINITIONS[value].en.length).toBeGreaterThan(20);
    }
  });
});

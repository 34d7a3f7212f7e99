import fc from 'fast-check';
import { normaliseInput, recogniseCommand } from '../../../src/domain/conversation/commands';
import {
  normaliseCommandText,
  recogniseCoordinatorCommand,
} from '../../../src/domain/conversation/coordinatorCommands';
import { boundedPrefix, MAX_COMMAND_LENGTH, stripTrailing } from '../../../src/domain/conversation/inputBounds';
import { detectLanguage } from '../../../src/domain/faq';
import { parseTypedAnswer } from '../../../src/domain/selbstcheck';
import { FaqService } from '../../../src/services/faqService';

/**
 * recognisers over user text must be linear and bounded. The worst cases below took
 * 130–300 ms each on the regexes before (e.g. `/[!.,;:]+$/u` on 'a!!!…!a', tinyld over 20,000 characters);
 * each must now stay far below 50 ms.
 */
const N = 20_000;
/** Distinct made-up words: each one is a fuzzy search in the FAQ index unless the query's words are bounded. */
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const madeUpWord = () =>
  Array.from({ length: 6 + Math.floor(random() * 7) }, () =>
    'abcdefghiklmnoprstuvwzäöü'.charAt(Math.floor(random() * 25)),
  ).join('');
const HOSTILE: Record<string, string> = {
  spaces: `${' '.repeat(N)}x`,
  bangsInside: `a${'!'.repeat(N)}a`,
  bangsEnd: '!'.repeat(N),
  spaceBangs: `${' !'.repeat(N / 2)}x`,
  mentions: '<at>'.repeat(N / 4),
  openMentions: `${'<at>x'.repeat(N / 5)}</at>`,
  words: 'a '.repeat(N / 2),
  grant: `rolle lead ${'a '.repeat(N / 2)}<at>x</at>y`,
  grantSpaces: `rolle lead x${' '.repeat(N)}<at>`,
  export: `export ${'a '.repeat(N / 2)}x`,
  semicolons: `x${';.'.repeat(N / 2)}y`,
  longWords: 'Selbstcheck Kommune Integrationsbeauftragte '.repeat(N / 44),
  madeUpWords: Array.from({ length: N / 5 }, madeUpWord)
    .join(' ')
    .slice(0, N),
};

const faq = new FaqService('kontakt@example.org');

/**
 * Best of five, in CPU milliseconds of this process: other processes on a loaded two-core machine stretch
 * wall time, not the work done here, and one garbage collection does not decide the test. The quadratic
 * cases this guards against cost 130–300 ms of CPU, far above the bound.
 */
function bestOfFive(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = process.cpuUsage();
    fn();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('recognisers stay fast on hostile text', () => {
  beforeAll(() => {
    faq.answer('Wie kann meine Kommune mitmachen?', undefined); // builds the index outside the timings
  });

  const recognisers: Record<string, (text: string) => unknown> = {
    recogniseCommand: (t) => recogniseCommand(t),
    recogniseCoordinatorCommand: (t) => recogniseCoordinatorCommand(t),
    parseTypedAnswer: (t) => parseTypedAnswer(t, 'de'),
    faqDetected: (t) => faq.answer(t, undefined),
    faqGerman: (t) => faq.answer(t, 'de'),
    detectLanguage: (t) => detectLanguage(t),
  };
  for (const [name, recognise] of Object.entries(recognisers)) {
    it.each(Object.keys(HOSTILE))(`${name}: %s (20,000 characters) under 50 ms`, (key) => {
      const text = HOSTILE[key] ?? '';
      expect(text.length).toBeGreaterThanOrEqual(N - 50);
      expect(bestOfFive(() => recognise(text))).toBeLessThan(50);
    });
  }

  it('a long message is not a command, even when it starts or ends with one', () => {
    const padding = ' bitte'.repeat(MAX_COMMAND_LENGTH / 6 + 1);
    expect(recogniseCommand(`start${padding}`)).toBeUndefined();
    expect(recogniseCommand(`start${' '.repeat(N)}`)).toEqual({ kind: 'start' });
    expect(recogniseCoordinatorCommand(`abonnieren Teltow${padding}`)).toBeUndefined();
    expect(parseTypedAnswer(`teilweise${padding}`)).toBeUndefined();
    expect(parseTypedAnswer(`${' '.repeat(N)}teilweise!`)).toBe('partial');
  });

  it('the FAQ answers from the start of a long message', () => {
    const question = 'Was kostet die Teilnahme am Projekt Weltoffene Kommune?';
    const short = faq.answer(question, undefined);
    const long = faq.answer(`${question} ${'und '.repeat(N / 4)}`, undefined);
    expect(long.kind).toBe(short.kind);
    if (short.kind === 'answer' && long.kind === 'answer') expect(long.entryId).toBe(short.entryId);
  });
});

describe('bounds helpers', () => {
  it('stripTrailing removes only trailing characters of the set', () => {
    expect(stripTrailing('start!!.', '!.,;:')).toBe('start');
    expect(stripTrailing('!a!', '!')).toBe('!a');
    expect(stripTrailing('!!!', '!')).toBe('');
    expect(stripTrailing('', '!')).toBe('');
  });

  it('boundedPrefix keeps short text, cuts long text at a space and never inside a surrogate pair', () => {
    expect(boundedPrefix('kurz', 10)).toBe('kurz');
    expect(boundedPrefix('eins zwei drei', 10)).toBe('eins zwei');
    expect(boundedPrefix(`${'x'.repeat(9)}😀yyy`, 10)).toBe('x'.repeat(9));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 2, max: 40 }), (text, max) => {
        const cut = boundedPrefix(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
      }),
    );
  });
});

// The recognisers as they were before the bounds (quadratic on long input, correct on short input):
// for every input a person could type as a command, the new ones must answer exactly the same.
function oldNormaliseInput(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[!.,;:]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}
function oldNormaliseCommandText(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/[!.;]+$/u, '')
    .trim();
}

const WORDS = [
  'start',
  'Hilfe',
  'help',
  'ändern',
  'change',
  'hd',
  '3',
  'hd-3',
  'feld',
  'form',
  'alle',
  'fragen',
  'pause',
  'zurück',
  'english',
  'deutsch',
  'rolle',
  'lead',
  'koordination',
  'abonnieren',
  'Teltow-Fläming',
  'export',
  'csv',
  'wer',
  'fehlt',
  'teilweise',
  'weiß',
  'nicht',
  'ja',
  'nein',
  '2',
  '<at>Weltoffen-Bot</at>',
  '<at>Anna Beispiel</at>',
  '&nbsp;',
];
const GLUE = [' ', '  ', '\t', '\n', '!', '.', ',', ';', ':', '?', '!!', '. ', ' !', '\u00a0', ''];
const shortInput = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { maxLength: 6 })
  .map((parts) => parts.map(([w, g]) => w + g).join(''));
const anyShortText = fc.oneof(shortInput, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

describe('results for short inputs are unchanged', () => {
  it('normaliseInput / recogniseCommand', () => {
    fc.assert(
      fc.property(anyShortText, (text) => {
        const expected = oldNormaliseInput(text);
        expect(normaliseInput(text)).toBe(expected);
        expect(text.trim().length <= MAX_COMMAND_LENGTH || recogniseCommand(text) === undefined).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('normaliseCommandText', () => {
    fc.assert(
      fc.property(anyShortText, (text) => {
        expect(normaliseCommandText(text)).toBe(oldNormaliseCommandText(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('recognised commands of known phrasings', () => {
    expect(recogniseCommand('<at>Weltoffen-Bot</at> Start!')).toEqual({ kind: 'start' });
    expect(recogniseCommand('ändern hd 3.')).toEqual({ kind: 'change', questionId: 'HD-03' });
    expect(recogniseCoordinatorCommand('rolle lead Teltow <at>Anna Beispiel</at>!')).toEqual({
      kind: 'grant',
      role: 'lead',
      municipality: 'Teltow',
      person: { kind: 'mention', name: 'Anna Beispiel' },
    });
    expect(recogniseCoordinatorCommand('export Landkreis Teltow-Fläming csv')).toEqual({
      kind: 'export',
      municipality: 'Landkreis Teltow-Fläming',
      format: 'csv',
    });
    expect(parseTypedAnswer('Teilweise!')).toBe('partial');
    expect(parseTypedAnswer('2 teilweise', 'en')).toBe('partial');
  });
});

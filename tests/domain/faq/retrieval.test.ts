import { answerFaq, createFaqMatcher, detectLanguage, loadFaq, type FaqResult } from '../../../src/domain/faq';

const matcher = createFaqMatcher(loadFaq());

function answered(r: FaqResult): string {
  if (r.kind !== 'answer') throw new Error(`expected an answer, got not_sure [${r.closest.join(', ')}]`);
  return r.entryId;
}

describe('FAQ retrieval', () => {
  it.each([
    ['Ist das für die Gemeinde kostenlos?', 'costs'],
    ['Welche Organisationen stecken hinter Weltoffene Kommune?', 'who-behind'],
    ['Welche Themen deckt der Selbstcheck ab?', 'fields'],
    ['Darf ich eine Frage überspringen?', 'skip-questions'],
    ['Wo war die Pilotphase?', 'pilot-phase'],
  ])('answers German: %s', (q, id) => {
    const r = matcher.answer(q);
    expect(answered(r)).toBe(id);
    expect(r.locale).toBe('de');
  });

  it.each([
    ['Who funds Weltoffene Kommune?', 'funding'],
    ['Who takes part in the moderated workshop?', 'workshop'],
    ['Tell me about the dialogue events with residents', 'dialogue-formats'],
    ['Is this part of Welcoming America?', 'welcoming-america'],
  ])('answers English in English: %s', (q, id) => {
    const r = matcher.answer(q);
    expect(answered(r)).toBe(id);
    expect(r.locale).toBe('en');
  });

  it.each([
    ['Wie funktionirt der Selbstchek?', 'selbstcheck-what'],
    ['Wer finanzirt das Projeckt?', 'funding'],
    ['how many municipalitys participate', 'participants'],
    ['datenschuz', 'data-privacy'],
  ])('tolerates typos: %s', (q, id) => {
    expect(answered(matcher.answer(q))).toBe(id);
  });

  it('answers in Leichte Sprache when the user chose it', () => {
    const r = matcher.answer('Muss meine Stadt Geld bezahlen?', { locale: 'de-LS' });
    expect(answered(r)).toBe('costs');
    expect(r.locale).toBe('de-LS');
    expect(r.fallback).toBe(false);
    expect(r.kind === 'answer' && r.answer).toContain('kein Geld');
  });

  it('falls back to German for Leichte Sprache when the entry has none, and says so', () => {
    const r = matcher.answer('Kann ich Fragen überspringen?', { locale: 'de-LS' });
    expect(answered(r)).toBe('skip-questions');
    expect(r.requestedLocale).toBe('de-LS');
    expect(r.locale).toBe('de');
    expect(r.fallback).toBe(true);
  });

  it('answers an Arabic query in Arabic, right-to-left', () => {
    const r = matcher.answer('من يموّل هذا المشروع؟');
    expect(answered(r)).toBe('funding');
    expect(r.locale).toBe('ar');
    expect(r.localeSource).toBe('detected');
    expect(r.rtl).toBe(true);
    expect(r.kind === 'answer' && r.answer).toMatch(/\p{Script=Arabic}/u);
  });

  it('answers Turkish and Ukrainian queries in their language', () => {
    const tr = matcher.answer('Katılım ücretsiz mi?');
    expect(answered(tr)).toBe('costs');
    expect(tr.locale).toBe('tr');
    const uk = matcher.answer('Хто фінансує цей проєкт?');
    expect(answered(uk)).toBe('funding');
    expect(uk.locale).toBe('uk');
  });

  it('falls back to English for a non-German language the entry lacks', () => {
    const r = matcher.answer('Selbstcheck workshop', { locale: 'tr' });
    expect(answered(r)).toBe('workshop');
    expect(r.requestedLocale).toBe('tr');
    expect(r.locale).toBe('en');
    expect(r.fallback).toBe(true);
  });

  it('uses the caller locale over detection', () => {
    const r = matcher.answer('Was kostet die Teilnahme?', { locale: 'en' });
    expect(answered(r)).toBe('costs');
    expect(r.locale).toBe('en');
    expect(r.localeSource).toBe('option');
  });

  it('returns source, localised follow-up questions and fills the contact', () => {
    const r = matcher.answer('Wie erreiche ich das Projektteam?', { contact: 'team@example.org' });
    if (r.kind !== 'answer') throw new Error('expected answer');
    expect(r.entryId).toBe('contact');
    expect(r.answer).toContain('team@example.org');
    expect(r.answer).not.toContain('{contact}');
    expect(r.source.title.length).toBeGreaterThan(3);
    expect(r.followUps.length).toBeGreaterThanOrEqual(2);
    expect(r.followUpQuestions.map((f) => f.id)).toEqual(r.followUps);
    expect(r.followUpQuestions.every((f) => f.locale === 'de')).toBe(true);
  });

  it('offers follow-ups in the reader’s language first, those only in a fallback language after them', () => {
    const r = matcher.answer('من يموّل المشروع؟', { locale: 'ar' });
    if (r.kind !== 'answer') throw new Error('expected answer');
    expect(r.entryId).toBe('funding');
    const locales = r.followUpQuestions.map((f) => f.locale);
    // 'funding' lists a fallback-only entry first in the knowledge base; the reader sees it last.
    expect(r.followUps[0]).toBe(r.followUpQuestions.at(-1)?.id);
    expect(locales).toEqual([...locales].sort((a, b) => Number(b === 'ar') - Number(a === 'ar')));
    expect(locales[0]).toBe('ar');
    expect(locales.at(-1)).not.toBe('ar');
    expect(new Set(r.followUpQuestions.map((f) => f.id))).toEqual(new Set(r.followUps));
  });

  it('leaves {contact} for the caller when no contact is given', () => {
    const r = answerFaq('Wie kann ich das Projektteam kontaktieren?');
    expect(r.kind === 'answer' && r.answer).toContain('{contact}');
  });
});

describe('FAQ threshold', () => {
  it.each([
    'Wie wird das Wetter am Wochenende?',
    'Who is the best football player ever?',
    'Wo beantrage ich einen Personalausweis?',
    'Ich brauche Hilfe bei der Steuer',
    'Wie spät ist es?',
    'Du Idiot',
    '',
    '???',
  ])('declines off-topic: %s', (q) => {
    const r = matcher.answer(q);
    expect(r.kind).toBe('not_sure');
    if (r.kind === 'not_sure') {
      expect(r.closest.length).toBeLessThanOrEqual(3);
      expect(r.closestQuestions.length).toBe(r.closest.length);
    }
  });

  it('declines a query that shares only one word with an entry', () => {
    const r = matcher.answer('Wie ist das Wetter in Potsdam heute?');
    expect(r.kind).toBe('not_sure');
  });

  it('offers closest questions when unsure about an on-topic-ish query', () => {
    const r = matcher.answer('Erzähl mir was über Iserlohn und Wetterberichte und Fußballergebnisse');
    expect(r.kind).toBe('not_sure');
    if (r.kind === 'not_sure') expect(r.closest).toContain('pilot-phase');
  });

  it('answers with a score and coverage above the thresholds', () => {
    const r = matcher.answer('Was sind die sieben Handlungsfelder?');
    if (r.kind !== 'answer') throw new Error('expected answer');
    expect(r.entryId).toBe('fields');
    expect(r.coverage).toBeGreaterThanOrEqual(0.5);
    expect(r.score).toBeGreaterThan(0);
  });
});

describe('FAQ API', () => {
  it('lists the ten most asked questions in a locale', () => {
    const top = matcher.topQuestions('uk', 10);
    expect(top).toHaveLength(10);
    expect(top[0]?.id).toBe('what-is');
    expect(top.every((t) => t.locale === 'uk')).toBe(true);
    expect(matcher.topQuestions('en', 3).map((t) => t.id)).toEqual(['what-is', 'who-behind', 'funding']);
  });

  it('looks entries up by id', () => {
    expect(matcher.entry('costs')?.answers.de).toMatch(/kostenlos/);
    expect(matcher.entry('nope')).toBeUndefined();
    expect(matcher.size).toBeGreaterThanOrEqual(30);
  });
});

describe('language detection', () => {
  it.each([
    ['Wer bezahlt das eigentlich?', 'de'],
    ['Who pays for this?', 'en'],
    ['Belediyeler nasıl başvurabilir?', 'tr'],
    ['Скільки громад бере участь?', 'uk'],
    ['ما هي البلديات المشاركة؟', 'ar'],
    ['Größe?', 'de'],
  ])('%s → %s', (q, lang) => {
    expect(detectLanguage(q).locale).toBe(lang);
  });

  it('gives no locale for empty text and Russian', () => {
    expect(detectLanguage('   ').locale).toBeUndefined();
    expect(detectLanguage('Сколько это стоит для города?').locale).toBeUndefined();
  });

  it('defaults to German when nothing can be detected', () => {
    const r = matcher.answer('12345');
    expect(r.requestedLocale).toBe('de');
    expect(r.localeSource).toBe('default');
  });
});

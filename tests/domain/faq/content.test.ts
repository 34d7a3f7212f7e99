import {
  ALLOWED_SOURCE_URLS,
  CONTACT_TOKEN,
  FaqValidationError,
  MAX_ANSWER_CHARS,
  TOP_LOCALES,
  loadFaq,
  parseKnowledgeBase,
} from '../../../src/domain/faq';
import faqData from '../../../src/domain/faq/data/faq.json';
import evalSet from '../../../src/domain/faq/eval/evalSet.json';

const kb = loadFaq();
const ids = new Set(kb.entries.map((e) => e.id));

describe('FAQ knowledge base content', () => {
  it('has at least 30 entries with unique ids', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(30);
    expect(ids.size).toBe(kb.entries.length);
  });

  it('has German and English questions and answers for every entry', () => {
    for (const e of kb.entries) {
      expect(e.questions.de.length).toBeGreaterThan(0);
      expect(e.questions.en.length).toBeGreaterThan(0);
      expect(e.answers.de.length).toBeGreaterThan(20);
      expect(e.answers.en.length).toBeGreaterThan(20);
    }
  });

  it('marks exactly ten top entries, ranked 1..10, each in all extra languages', () => {
    const top = kb.entries.filter((e) => e.top !== undefined).sort((a, b) => (a.top ?? 0) - (b.top ?? 0));
    expect(top.map((e) => e.top)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const e of top) {
      for (const loc of TOP_LOCALES) {
        expect(e.answers[loc]).toBeTruthy();
        expect(e.questions[loc]?.length).toBeGreaterThan(0);
      }
    }
  });

  it('writes Arabic answers in Arabic script and Ukrainian answers in Cyrillic', () => {
    for (const e of kb.entries) {
      if (e.answers.ar) expect(e.answers.ar).toMatch(/\p{Script=Arabic}/u);
      if (e.answers.uk) expect(e.answers.uk).toMatch(/\p{Script=Cyrillic}/u);
      if (e.answers.uk) expect(e.answers.uk).not.toMatch(/[ыэъ]/u); // Russian-only letters
    }
  });

  it('keeps answers short', () => {
    for (const e of kb.entries) {
      for (const text of Object.values(e.answers)) expect(text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
      expect(e.answers.de.length).toBeLessThanOrEqual(520);
      expect(e.answers.en.length).toBeLessThanOrEqual(520);
    }
  });

  it('offers two or three follow-ups that exist and are not the entry itself', () => {
    for (const e of kb.entries) {
      expect(e.followUps.length).toBeGreaterThanOrEqual(2);
      expect(e.followUps.length).toBeLessThanOrEqual(3);
      for (const f of e.followUps) {
        expect(ids.has(f)).toBe(true);
        expect(f).not.toBe(e.id);
      }
    }
  });

  it('cites a source on every entry; project sources only use the allowed pages', () => {
    const allowed: readonly string[] = ALLOWED_SOURCE_URLS;
    for (const e of kb.entries) {
      expect(e.source.title.length).toBeGreaterThan(3);
      expect(e.source.section.length).toBeGreaterThan(1);
      if (e.source.type === 'project') expect(allowed).toContain(e.source.url);
      else expect(e.tags).toContain(e.id === 'contact' ? 'contact' : 'bot');
    }
    expect(kb.entries.filter((e) => e.source.type === 'project').length).toBeGreaterThan(25);
  });

  it('uses the {contact} placeholder instead of any real address', () => {
    const all = kb.entries.flatMap((e) => Object.values(e.answers)).join('\n');
    expect(all).toContain(CONTACT_TOKEN);
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(all).not.toMatch(/https?:\/\//);
  });

  it('names only municipalities the facts name', () => {
    const known = ['Bochum', 'Iserlohn', 'Teltow-Fläming', 'Potsdam', 'Lübeck', 'Konstanz', 'Aachen', 'Zwickau'];
    const text = kb.entries.map((e) => `${e.answers.de} ${e.answers.en}`).join(' ');
    for (const name of known) expect(text).toContain(name);
    for (const unknown of ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt', 'Stuttgart', 'Dresden'])
      expect(text).not.toContain(unknown);
  });

  it('keeps the held-out eval questions out of the knowledge base wording', () => {
    const norm = (s: string): string =>
      s
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const variants = new Set(kb.entries.flatMap((e) => Object.values(e.questions).flat()).map(norm));
    const copied = evalSet.onTopic.filter((c) => variants.has(norm(c.q))).map((c) => c.q);
    expect(copied).toEqual([]);
  });
});

describe('FAQ validation', () => {
  type Raw = { version: number; entries: Array<Record<string, unknown>> };
  const clone = (): Raw => JSON.parse(JSON.stringify(faqData)) as Raw;

  it('names the id of a broken entry', () => {
    const raw = clone();
    const entry = raw.entries[3];
    if (!entry) throw new Error('fixture');
    entry.answers = { de: 'zu kurz', en: 'too short' };
    expect(() => parseKnowledgeBase(raw)).toThrow(FaqValidationError);
    expect(() => parseKnowledgeBase(raw)).toThrow(/FAQ entry "national-action-plan"/);
  });

  it('rejects unknown follow-ups, naming the entry', () => {
    const raw = clone();
    const entry = raw.entries[0];
    if (!entry) throw new Error('fixture');
    entry.followUps = ['who-behind', 'does-not-exist'];
    expect(() => parseKnowledgeBase(raw)).toThrow(/"what-is" has unknown follow-up "does-not-exist"/);
  });

  it('rejects a source URL outside the allowed pages', () => {
    const raw = clone();
    const entry = raw.entries[1];
    if (!entry) throw new Error('fixture');
    entry.source = { type: 'project', title: 'Somewhere', url: 'https://example.org', section: 'x' };
    expect(() => parseKnowledgeBase(raw)).toThrow(/"who-behind".*source/);
  });

  it('rejects a top entry missing a required extra language', () => {
    const raw = clone();
    const entry = raw.entries.find((e) => e.id === 'costs');
    if (!entry) throw new Error('fixture');
    const answers = entry.answers as Record<string, string>;
    delete answers.uk;
    expect(() => parseKnowledgeBase(raw)).toThrow(/"costs".*uk/);
  });

  it('rejects duplicate ids and entries without id', () => {
    const dup = clone();
    const first = dup.entries[0];
    if (!first) throw new Error('fixture');
    dup.entries.push(JSON.parse(JSON.stringify(first)) as Record<string, unknown>);
    expect(() => parseKnowledgeBase(dup)).toThrow(/duplicated|repeats top rank/);
    const noId = clone();
    const e = noId.entries[5];
    if (!e) throw new Error('fixture');
    delete e.id;
    expect(() => parseKnowledgeBase(noId)).toThrow(/FAQ entry "#5"/);
  });
});

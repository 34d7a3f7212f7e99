import rawV1 from '../../../src/domain/selbstcheck/data/questionnaire.v1.json';
import {
  FIELD_IDS,
  MAX_QUESTION_LENGTH,
  QuestionnaireError,
  SUB_THEME_IDS,
  parseQuestionnaire,
  questionnaireVersions,
} from '../../../src/domain/selbstcheck';
import { V1, cloneJson } from './helpers';

type RawQuestion = {
  id: string;
  field: string;
  subTheme?: string;
  gate?: string;
  recommendation: string;
  text: { de: string; en: string };
};
type Raw = { questions: RawQuestion[]; fields: { id: string }[] };

function broken(mutate: (raw: Raw) => void): () => unknown {
  const raw = cloneJson(rawV1) as unknown as Raw;
  mutate(raw);
  return () => parseQuestionnaire(raw, 'test');
}

function question(raw: Raw, id: string): RawQuestion {
  const found = raw.questions.find((q) => q.id === id);
  if (found === undefined) throw new Error(`fixture lacks ${id}`);
  return found;
}

describe('questionnaire v1 content', () => {
  it('ships version 1 as the only and current version', () => {
    expect(questionnaireVersions()).toEqual([1]);
    expect(V1.version).toBe(1);
  });

  it('has the seven fields in official order with goals in both languages', () => {
    expect(V1.fields.map((f) => f.id)).toEqual(['MS', 'IO', 'FZ', 'AW', 'EB', 'ZB', 'KK']);
    expect(V1.fields.map((f) => f.name.de)).toEqual([
      'Management und Steuerung',
      'Interkulturelle Öffnung und Antirassismus',
      'Fairer Zugang und Teilhabechancen',
      'Arbeit und wirtschaftliche Entwicklung',
      'Engagement und Beteiligung',
      'Zusammenhalt und Begegnung',
      'Kommunikation und Konfliktmanagement',
    ]);
    for (const f of V1.fields) {
      expect(f.goal.de.length).toBeGreaterThan(150);
      expect(f.goal.en.length).toBeGreaterThan(150);
    }
  });

  it('has around 100 questions, at least 10 per field, FZ the largest', () => {
    expect(V1.questions.length).toBeGreaterThanOrEqual(95);
    expect(V1.questions.length).toBeLessThanOrEqual(115);
    const counts = FIELD_IDS.map((f) => V1.questions.filter((q) => q.field === f).length);
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(10);
    const fz = V1.questions.filter((q) => q.field === 'FZ').length;
    expect(Math.max(...counts)).toBe(fz);
  });

  it('every question has unique id, matching field prefix, non-empty de/en text and help', () => {
    const ids = V1.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of V1.questions) {
      expect(FIELD_IDS).toContain(q.field);
      expect(q.id.startsWith(`${q.field}-`)).toBe(true);
      for (const text of [q.text.de, q.text.en, q.help.de, q.help.en]) expect(text.trim().length).toBeGreaterThan(10);
      // A missing translation often shows up as identical strings.
      expect(q.text.de).not.toBe(q.text.en);
    }
  });

  it('no question text exceeds the length limit', () => {
    expect(MAX_QUESTION_LENGTH).toBe(200);
    const tooLong = V1.questions.filter((q) => q.text.de.length > 200 || q.text.en.length > 200).map((q) => q.id);
    expect(tooLong).toEqual([]);
  });

  it('FZ covers all nine sub-themes and only FZ has sub-themes', () => {
    const covered = new Set(V1.questions.filter((q) => q.field === 'FZ').map((q) => q.subTheme));
    expect([...covered].sort()).toEqual([...SUB_THEME_IDS].sort());
    expect(V1.questions.filter((q) => q.field !== 'FZ' && q.subTheme !== undefined)).toEqual([]);
  });

  it('has at least three gates, each with existing follow-ups in the same field after the gate', () => {
    const gates = new Set(V1.questions.flatMap((q) => (q.gate === undefined ? [] : [q.gate])));
    expect(gates.size).toBeGreaterThanOrEqual(3);
    for (const q of V1.questions.filter((x) => x.gate !== undefined)) {
      const gateIndex = V1.questions.findIndex((x) => x.id === q.gate);
      expect(gateIndex).toBeGreaterThanOrEqual(0);
      expect(gateIndex).toBeLessThan(V1.questions.indexOf(q));
      expect(V1.questions[gateIndex]?.field).toBe(q.field);
    }
  });

  it('uses all three dimensions and both weights in every field', () => {
    for (const f of FIELD_IDS) {
      const qs = V1.questions.filter((q) => q.field === f);
      expect(new Set(qs.map((q) => q.weight))).toEqual(new Set(['core', 'additional']));
      expect(new Set(qs.map((q) => q.dimension)).size).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(V1.questions.map((q) => q.dimension))).toEqual(
      new Set(['attitude_structures', 'measures_plans', 'cooperation']),
    );
  });

  it('every question links to a recommendation of its own field with texts in both languages', () => {
    for (const q of V1.questions) {
      const rec = V1.recommendations.find((r) => r.id === q.recommendation);
      expect(rec?.field).toBe(q.field);
      expect(rec?.text.de.length).toBeGreaterThan(40);
      expect(rec?.text.en.length).toBeGreaterThan(40);
    }
  });

  it("German texts use the project's gender-inclusive forms, not generic masculine plurals", () => {
    const allDe = V1.questions.map((q) => `${q.text.de} ${q.help.de}`).join(' ');
    expect(allDe).toMatch(/Einwohner\*innen/);
    expect(allDe).toMatch(/Mitarbeiter\*innen/);
    // Generic masculine forms we replaced everywhere.
    expect(allDe).not.toMatch(/\b(Einwohner|Mitarbeiter|Bürger|Migranten|Schüler)\b(?!\*)/);
  });
});

describe('questionnaire validation names the culprit', () => {
  it('accepts the shipped file', () => {
    expect(() => parseQuestionnaire(cloneJson(rawV1), 'v1')).not.toThrow();
  });

  it('rejects a question text over 200 characters, naming the question id', () => {
    const load = broken((raw) => {
      question(raw, 'FZ-05').text.de = 'x'.repeat(201);
    });
    expect(load).toThrow(QuestionnaireError);
    expect(load).toThrow(/question FZ-05 text\.de/);
  });

  it('rejects a missing English text, naming the question id', () => {
    const load = broken((raw) => {
      question(raw, 'KK-02').text.en = '';
    });
    expect(load).toThrow(/question KK-02 text\.en/);
  });

  it('rejects duplicate ids', () => {
    const load = broken((raw) => {
      question(raw, 'MS-05').id = 'MS-01';
    });
    expect(load).toThrow(/question MS-01: duplicate id/);
  });

  it('rejects a gate that does not exist or comes later', () => {
    expect(
      broken((raw) => {
        question(raw, 'IO-07').gate = 'IO-99';
      }),
    ).toThrow(/question IO-07: gate IO-99/);
    expect(
      broken((raw) => {
        question(raw, 'MS-01').gate = 'MS-02';
      }),
    ).toThrow(/question MS-01: gate MS-02 must be an earlier question/);
  });

  it('rejects nested gates', () => {
    expect(
      broken((raw) => {
        question(raw, 'MS-04').gate = 'MS-03';
      }),
    ).toThrow(/question MS-04: gate MS-03 is itself a follow-up/);
  });

  it('rejects an FZ question without sub-theme and a sub-theme outside FZ', () => {
    expect(
      broken((raw) => {
        delete question(raw, 'FZ-12').subTheme;
      }),
    ).toThrow(/question FZ-12: FZ questions need a subTheme/);
    expect(
      broken((raw) => {
        question(raw, 'AW-01').subTheme = 'sport';
      }),
    ).toThrow(/question AW-01: only FZ questions have a subTheme/);
  });

  it('rejects a recommendation reference to another field', () => {
    expect(
      broken((raw) => {
        question(raw, 'EB-04').recommendation = 'MS-R1';
      }),
    ).toThrow(/question EB-04: recommendation MS-R1/);
  });

  it('rejects an id whose prefix does not match the field, and fields out of order', () => {
    expect(
      broken((raw) => {
        question(raw, 'ZB-03').field = 'KK';
      }),
    ).toThrow(/question ZB-03/);
    expect(
      broken((raw) => {
        raw.fields.reverse();
      }),
    ).toThrow(/fields must be exactly MS, IO, FZ, AW, EB, ZB, KK/);
  });

  it('rejects unknown properties (typos) in a question', () => {
    expect(
      broken((raw) => {
        (question(raw, 'MS-08') as unknown as Record<string, unknown>)['wieght'] = 'core';
      }),
    ).toThrow(/question MS-08/);
  });
});

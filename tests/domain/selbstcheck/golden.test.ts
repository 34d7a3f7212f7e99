/**
 * Golden tests: three fixed municipalities. Every expected number below was
 * computed by hand from the rules in docs/scoring.md (points full 100,
 * partial 60, planned 25, none 0; weight core 2, additional 1; score =
 * sum(points × weight) / sum(weight), one decimal, half up).
 *
 * Weights per question (c = core 2, a = additional 1), from the data file:
 *   MS 01c 02c(gate) 03c(→02) 04a(→02) 05c 06a 07c 08c 09a 10c 11a 12a 13a   = 20
 *   IO 01c 02a 03a 04c 05c 06c(gate) 07a(→06) 08a(→06) 09c 10a 11c 12a 13a   = 19
 *   FZ core 01 02 04 05 07 08 10 11 13 17 19 22 25 26 (14×2), other 13 ×1    = 41
 *   AW core 01 04 05 06 08 12, additional 02 03 07 09 10 11                   = 18
 *   EB 01c(gate) 02c(→01) 03a(→01) 04c 05c 06c 07a 08c 09a 10a 11a 12a        = 18
 *   ZB core 01 03 04 05 07 11, additional 02 06 08 09 10                      = 17
 *   KK 01c 02a 03a 04c(gate) 05a(→04) 06a(→04) 07c 08c 09c 10a 11c 12a        = 18
 */
import { recommend, scoreAssessment, FIELD_IDS } from '../../../src/domain/selbstcheck';
import type { AnswerMap, FieldId, FieldScore } from '../../../src/domain/selbstcheck';
import { V1, fieldAnswers } from './helpers';

function field(answers: AnswerMap, id: FieldId): FieldScore {
  const found = scoreAssessment(V1, answers).fields.find((f) => f.fieldId === id);
  if (found === undefined) throw new Error(id);
  return found;
}

const recIds = (answers: AnswerMap, id: FieldId) => recommend(V1, answers, id).map((r) => r.id);

describe('weight table used in the hand calculations matches the data', () => {
  it.each([
    ['MS', 20],
    ['IO', 19],
    ['FZ', 41],
    ['AW', 18],
    ['EB', 18],
    ['ZB', 17],
    ['KK', 18],
  ])('%s has total weight %i', (fieldId, total) => {
    const qs = V1.questions.filter((q) => q.field === fieldId);
    expect(qs.reduce((s, q) => s + (q.weight === 'core' ? 2 : 1), 0)).toBe(total);
  });
});

describe('golden 1: beginner municipality', () => {
  const answers: AnswerMap = {
    ...fieldAnswers('MS', 13, 'none', { 1: 'planned', 5: 'partial', 10: 'partial', 13: 'planned', 3: null, 4: null }),
    ...fieldAnswers('IO', 13, 'none', {
      3: 'unknown',
      4: 'planned',
      7: null,
      8: null,
      10: 'unknown',
      11: 'partial',
      12: 'planned',
      13: 'skipped',
    }),
    ...fieldAnswers('FZ', 27, 'none', {
      1: 'partial',
      2: 'planned',
      4: 'partial',
      7: 'partial',
      17: 'unknown',
      27: 'unknown',
    }),
    // AW: nothing answered at all.
    ...fieldAnswers('EB', 12, 'none', { 2: null, 3: null, 6: 'planned', 8: 'partial' }),
    ...fieldAnswers('ZB', 11, 'unknown'),
    ...fieldAnswers('KK', 12, 'none', {
      1: 'planned',
      2: 'partial',
      4: 'planned',
      6: 'unknown',
      8: 'partial',
      9: 'planned',
    }),
  };

  it('MS: gate MS-02 = none closes MS-03/04 at 0 points → 15.8, Einstieg, red', () => {
    // 01 planned 25×2=50, 05 partial 60×2=120, 10 partial 120, 13 planned 25×1=25; rest 0.
    // Closed 03 (2) and 04 (1) stay in the weight: 315 / 20 = 15.75 → 15.8
    const ms = field(answers, 'MS');
    expect(ms.score).toBe(15.8);
    expect(ms.level).toBe('entry');
    expect(ms.trafficLight).toBe('red');
    expect(ms.closedByGate).toEqual(['MS-03', 'MS-04']);
    expect(ms.applicable).toBe(11);
    expect(ms.completeness).toBe(1);
  });

  it('docs/scoring.md variant: MS-13 "don\'t know" instead of planned → 15.3 and a gap', () => {
    // 315 − 25 = 290 points, 20 − 1 = 19 weight; 290 / 19 = 15.26 → 15.3
    const ms = field({ ...answers, 'MS-13': 'unknown' }, 'MS');
    expect(ms.score).toBe(15.3);
    expect(ms.knowledgeGaps).toEqual(['MS-13']);
  });

  it('IO: unknown and skipped leave the weight, gaps are listed → 12.2', () => {
    // 04 planned 50, 11 partial 120, 12 planned 25 → 195. Weight 19 − 03 − 10 − 13 = 16.
    // 195 / 16 = 12.1875 → 12.2
    const io = field(answers, 'IO');
    expect(io.score).toBe(12.2);
    expect(io.level).toBe('entry');
    expect(io.knowledgeGaps).toEqual(['IO-03', 'IO-10']);
    expect(io.unanswered).toEqual(['IO-13']);
    expect(io.closedByGate).toEqual(['IO-07', 'IO-08']);
    // 13 questions − 2 closed = 11 applicable, all dealt with (skipped counts as dealt with).
    expect(io.applicable).toBe(11);
    expect(io.answered).toBe(11);
    expect(io.scored).toBe(8);
  });

  it('FZ → 10.8', () => {
    // 01, 04, 07 partial core 3×120 = 360; 02 planned core 50 → 410.
    // Weight 41 − FZ-17 (2) − FZ-27 (1) = 38. 410 / 38 = 10.789… → 10.8
    expect(field(answers, 'FZ').score).toBe(10.8);
    expect(field(answers, 'FZ').knowledgeGaps).toEqual(['FZ-17', 'FZ-27']);
  });

  it('AW without any answer has no score and no level', () => {
    const aw = field(answers, 'AW');
    expect(aw.score).toBeNull();
    expect(aw.level).toBeNull();
    expect(aw.trafficLight).toBeNull();
    expect(aw.applicable).toBe(12);
    expect(aw.answered).toBe(0);
    expect(aw.completeness).toBe(0);
    expect(aw.unanswered).toHaveLength(12);
  });

  it('EB: no advisory council closes EB-02/03 → 9.4', () => {
    // 06 planned core 50, 08 partial core 120 → 170; full weight 18 (closed follow-ups included).
    // 170 / 18 = 9.444… → 9.4
    const eb = field(answers, 'EB');
    expect(eb.score).toBe(9.4);
    expect(eb.closedByGate).toEqual(['EB-02', 'EB-03']);
  });

  it('ZB answered only "don\'t know": no score, eleven knowledge gaps, complete', () => {
    const zb = field(answers, 'ZB');
    expect(zb.score).toBeNull();
    expect(zb.knowledgeGaps).toHaveLength(11);
    expect(zb.completeness).toBe(1);
  });

  it('KK: gate KK-04 planned keeps follow-ups open → 19.4', () => {
    // 01 c planned 50, 02 a partial 60, 04 c planned 50, 08 c partial 120, 09 c planned 50 → 330.
    // Weight 18 − KK-06 unknown (1) = 17. 330 / 17 = 19.41… → 19.4
    const kk = field(answers, 'KK');
    expect(kk.score).toBe(19.4);
    expect(kk.closedByGate).toEqual([]);
    expect(kk.knowledgeGaps).toEqual(['KK-06']);
  });

  it('overall is the mean of the five scored fields → 13.5, Einstieg, red', () => {
    // (15.8 + 12.2 + 10.8 + 9.4 + 19.4) / 5 = 67.6 / 5 = 13.52 → 13.5
    const overall = scoreAssessment(V1, answers).overall;
    expect(overall.score).toBe(13.5);
    expect(overall.level).toBe('entry');
    expect(overall.trafficLight).toBe('red');
    expect(overall.scoredFields).toBe(5);
    // Gaps: IO 2 + FZ 2 + ZB 11 + KK 1 = 16
    expect(overall.knowledgeGaps).toBe(16);
  });

  it('recommendations: weakest core indicators first, one per template, max three', () => {
    // MS core weak by points: 02 none(R2), 07 none(R3), 08 none(R4), 01 planned(R1), …
    const ms = recommend(V1, answers, 'MS');
    expect(ms.map((r) => r.id)).toEqual(['MS-R2', 'MS-R3', 'MS-R4']);
    // MS-R3 collects 07 (core none), 05 (core partial), then 06 (additional none).
    expect(ms[1]?.basedOn).toEqual(['MS-07', 'MS-05', 'MS-06']);
    expect(ms[1]?.category).toBe('advice');
    // IO core none in order: 01(R1), 05(R2), 06(R3), 09(R4)
    expect(recIds(answers, 'IO')).toEqual(['IO-R1', 'IO-R2', 'IO-R3']);
    // FZ core none in order: 05(R2), 08(R3), 10(R4); FZ-17 is unknown → ignored.
    expect(recIds(answers, 'FZ')).toEqual(['FZ-R2', 'FZ-R3', 'FZ-R4']);
    expect(recommend(V1, answers, 'FZ')[0]?.basedOn).toEqual(['FZ-05', 'FZ-04', 'FZ-06']);
    expect(recIds(answers, 'AW')).toEqual([]);
    expect(recIds(answers, 'ZB')).toEqual([]);
  });
});

describe('golden 2: mixed municipality', () => {
  const answers: AnswerMap = {
    ...fieldAnswers('MS', 13, 'full', {
      2: 'partial',
      3: 'planned',
      4: 'none',
      6: 'partial',
      7: 'partial',
      8: 'planned',
      9: 'none',
      11: 'partial',
      13: 'unknown',
    }),
    ...fieldAnswers('IO', 13, 'partial', {
      3: 'none',
      4: 'full',
      6: 'full',
      7: 'planned',
      8: 'none',
      11: 'full',
      13: 'full',
    }),
    ...fieldAnswers('FZ', 27, 'partial', {
      5: 'unknown',
      10: 'none',
      11: 'none',
      12: 'none',
      19: 'full',
      20: 'full',
      21: 'full',
      26: 'skipped',
    }),
    ...fieldAnswers('AW', 12, 'planned'),
    ...fieldAnswers('EB', 12, 'full', {
      2: 'none',
      3: 'planned',
      4: 'partial',
      5: 'none',
      7: 'partial',
      10: 'none',
      11: 'planned',
      12: 'unknown',
    }),
    ...fieldAnswers('ZB', 11, 'full', { 4: 'none', 10: 'skipped', 11: 'partial' }),
    ...fieldAnswers('KK', 12, 'partial', { 4: 'none', 5: null, 6: null }),
  };

  it('field scores, levels and lights', () => {
    const s = scoreAssessment(V1, answers);
    const byField = Object.fromEntries(s.fields.map((f) => [f.fieldId, [f.score, f.level, f.trafficLight]]));
    expect(byField).toEqual({
      // MS: 01c 200, 02c 120, 03c 50, 04a 0, 05c 200, 06a 60, 07c 120, 08c 50, 09a 0, 10c 200, 11a 60, 12a 100
      //     = 1160; weight 20 − 13 unknown = 19; 1160/19 = 61.05 → 61.1
      MS: [61.1, 'advanced', 'yellow'],
      // IO: 01c 120, 02a 60, 03a 0, 04c 200, 05c 120, 06c 200, 07a 25, 08a 0, 09c 120, 10a 60, 11c 200, 12a 60, 13a 100
      //     = 1265; 1265/19 = 66.58 → 66.6
      IO: [66.6, 'advanced', 'yellow'],
      // FZ: partial core 01 02 04 07 08 13 17 22 25 = 18×60 = 1080; partial additional 03 06 09 14 15 16 18 23 24 27
      //     = 10×60 = 600; culture full 19c 200 + 20a 100 + 21a 100 = 400; housing 0 → 2080.
      //     Weight 41 − 05 (2) − 26 (2) = 37; 2080/37 = 56.22 → 56.2
      FZ: [56.2, 'advanced', 'yellow'],
      // AW: everything planned → 25.0, exactly on the Aufbau threshold, still red (< 40)
      AW: [25, 'developing', 'red'],
      // EB: 01c 200, 02c 0, 03a 25, 04c 120, 05c 0, 06c 200, 07a 60, 08c 200, 09a 100, 10a 0, 11a 25 = 930;
      //     weight 18 − 12 unknown = 17; 930/17 = 54.71 → 54.7
      EB: [54.7, 'advanced', 'yellow'],
      // ZB: full 01c 03c 05c 07c = 800, 02a 06a 08a 09a = 400; 04c 0; 11c partial 120 → 1320;
      //     weight 17 − 10 skipped = 16; 1320/16 = 82.5
      ZB: [82.5, 'pioneer', 'green'],
      // KK: gate 04 none → 05/06 closed. Partial core 01 07 08 09 11 = 10×60 = 600, additional 02 03 10 12 = 240
      //     → 840 / 18 = 46.67 → 46.7
      KK: [46.7, 'developing', 'yellow'],
    });
  });

  it('overall 56.1, Fortgeschritten, yellow', () => {
    // (61.1 + 66.6 + 56.2 + 25.0 + 54.7 + 82.5 + 46.7) / 7 = 392.8 / 7 = 56.11 → 56.1
    const overall = scoreAssessment(V1, answers).overall;
    expect(overall.score).toBe(56.1);
    expect(overall.level).toBe('advanced');
    expect(overall.trafficLight).toBe('yellow');
    expect(overall.scoredFields).toBe(7);
  });

  it('recommendations', () => {
    // MS core weak: 03 planned(R2), 08 planned(R4), 02 partial(R2 again), 07 partial(R3).
    const ms = recommend(V1, answers, 'MS');
    expect(ms.map((r) => r.id)).toEqual(['MS-R2', 'MS-R4', 'MS-R3']);
    expect(ms.map((r) => r.basedOn)).toEqual([
      ['MS-03', 'MS-02', 'MS-04'],
      ['MS-08', 'MS-09'],
      ['MS-07', 'MS-06'],
    ]);
    expect(ms.map((r) => r.category)).toEqual(['advice', 'guidance_material', 'advice']);
    // FZ core weak: 10 none, 11 none (R4), then partials 01, 02 (R1), 04 (R2)
    expect(recIds(answers, 'FZ')).toEqual(['FZ-R4', 'FZ-R1', 'FZ-R2']);
    // KK: 04 none (R2), then partials 01 (R1), 07 (R3); closed 05/06 not listed.
    const kk = recommend(V1, answers, 'KK');
    expect(kk.map((r) => r.id)).toEqual(['KK-R2', 'KK-R1', 'KK-R3']);
    expect(kk[0]?.basedOn).toEqual(['KK-04']);
    expect(kk[1]?.basedOn).toEqual(['KK-01', 'KK-02', 'KK-03', 'KK-12']);
    // ZB: 04 none (R3), 11 partial (R3 again) → one suggestion only.
    expect(recIds(answers, 'ZB')).toEqual(['ZB-R3']);
  });
});

describe('golden 3: advanced municipality', () => {
  const answers: AnswerMap = {
    ...fieldAnswers('MS', 13, 'full', { 4: 'partial', 13: 'planned' }),
    ...fieldAnswers('IO', 13, 'full', { 3: 'unknown', 5: 'partial', 8: 'partial' }),
    ...fieldAnswers('FZ', 27, 'full', { 16: 'partial', 17: 'partial', 18: 'planned', 24: 'none' }),
    ...fieldAnswers('AW', 12, 'full'),
    ...fieldAnswers('EB', 12, 'full', { 12: 'partial' }),
    ...fieldAnswers('ZB', 11, 'full', { 8: 'partial', 10: 'partial' }),
    ...fieldAnswers('KK', 12, 'full', { 6: 'skipped', 10: 'unknown' }),
  };

  it('field scores', () => {
    const scores = scoreAssessment(V1, answers).fields.map((f) => f.score);
    expect(scores).toEqual([
      // MS: 18 weight full = 1800 + 04a 60 + 13a 25 = 1885 / 20 = 94.25 → 94.3 (half up)
      94.3,
      // IO: weight 19 − 03 = 18; full 15 × 100 = 1500 + 05c 120 + 08a 60 = 1680 / 18 = 93.33 → 93.3
      93.3,
      // FZ: 36 × 100 = 3600 + 16a 60 + 17c 120 + 18a 25 + 24a 0 = 3805 / 41 = 92.80 → 92.8
      92.8, 100,
      // EB: 1700 + 60 = 1760 / 18 = 97.78 → 97.8
      97.8,
      // ZB: 1500 + 60 + 60 = 1620 / 17 = 95.29 → 95.3
      95.3,
      // KK: 06 skipped and 10 unknown leave the weight; all else full → 100
      100,
    ]);
    expect(scoreAssessment(V1, answers).fields.every((f) => f.level === 'pioneer' && f.trafficLight === 'green')).toBe(
      true,
    );
  });

  it('overall 96.2 Vorreiter', () => {
    // (94.3 + 93.3 + 92.8 + 100 + 97.8 + 95.3 + 100) / 7 = 673.5 / 7 = 96.21 → 96.2
    const overall = scoreAssessment(V1, answers).overall;
    expect(overall.score).toBe(96.2);
    expect(overall.level).toBe('pioneer');
  });

  it('recommendations fall back to additional indicators when no core one is weak', () => {
    // MS additional: 13 planned (R5) before 04 partial (R2).
    expect(recIds(answers, 'MS')).toEqual(['MS-R5', 'MS-R2']);
    // FZ core: 17 partial (R6); additional: 24 none (R8), 18 planned (R6), 16 partial (R6).
    const fz = recommend(V1, answers, 'FZ');
    expect(fz.map((r) => r.id)).toEqual(['FZ-R6', 'FZ-R8']);
    expect(fz[0]?.basedOn).toEqual(['FZ-17', 'FZ-18', 'FZ-16']);
    expect(recIds(answers, 'AW')).toEqual([]);
    // KK: nothing weak (unknown/skipped are not weaknesses).
    expect(recIds(answers, 'KK')).toEqual([]);
  });

  it('every field is in the result, in official order', () => {
    expect(scoreAssessment(V1, answers).fields.map((f) => f.fieldId)).toEqual([...FIELD_IDS]);
  });
});

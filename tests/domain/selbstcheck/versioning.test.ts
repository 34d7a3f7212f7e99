import rawV1 from '../../../src/domain/selbstcheck/data/questionnaire.v1.json';
import {
  QuestionnaireError,
  createQuestionnaireRegistry,
  findQuestion,
  migrateAnswers,
  scoreAssessment,
} from '../../../src/domain/selbstcheck';
import type { AnswerMap } from '../../../src/domain/selbstcheck';
import {
  RENAMED_FROM,
  RENAMED_TO,
  RETIRED_ID,
  REWORDED_ID,
  REWORDED_TEXT,
  buildV2Raw,
} from './fixtures/questionnaireV2';
import { V1, cloneJson, fieldAnswers } from './helpers';

const registry = createQuestionnaireRegistry([
  { source: 'v1', data: rawV1 },
  { source: 'v2 fixture', data: buildV2Raw() },
]);

// An assessment started on v1 (it pins version 1) with answers touching all changed questions.
const pinnedVersion = 1;
const v1Answers: AnswerMap = {
  ...fieldAnswers('MS', 13, 'partial'),
  ...fieldAnswers('IO', 13, 'full', { 3: 'none' }),
  ...fieldAnswers('AW', 12, 'planned', { 10: 'full' }),
};

describe('questionnaire versions', () => {
  it('v2 is current once registered; v1 stays available', () => {
    expect(registry.questionnaireVersions()).toEqual([1, 2]);
    expect(registry.currentQuestionnaire().version).toBe(2);
    expect(registry.getQuestionnaire(1).version).toBe(1);
    expect(() => registry.getQuestionnaire(3)).toThrow(/unknown questionnaire version 3/);
  });

  it('an assessment pinned to v1 still scores and renders with v1 wording after v2 exists', () => {
    const q = registry.getQuestionnaire(pinnedVersion);
    const score = scoreAssessment(q, v1Answers);
    expect(score).toEqual(scoreAssessment(V1, v1Answers));
    expect(score.questionnaireVersion).toBe(1);
    // IO: IO-03 additional none, all else full → (1900 − 100) / 19 = 94.7
    expect(score.fields[1]?.score).toBe(94.7);
    expect(findQuestion(q, REWORDED_ID)?.text.de).toBe(findQuestion(V1, REWORDED_ID)?.text.de);
    expect(findQuestion(q, RETIRED_ID)).toBeDefined();
  });

  it('v2 rewords one question, retires one and renames one', () => {
    const v2 = registry.getQuestionnaire(2);
    expect(findQuestion(v2, REWORDED_ID)?.text).toEqual(REWORDED_TEXT);
    expect(findQuestion(v2, RETIRED_ID)).toBeUndefined();
    expect(findQuestion(v2, RENAMED_FROM)).toBeUndefined();
    expect(findQuestion(v2, RENAMED_TO)?.text).toEqual(findQuestion(V1, RENAMED_FROM)?.text);
  });

  it('migrates answers: retired dropped, renamed carried to successor, rest unchanged', () => {
    const migrated = registry.migrateAnswers(1, 2, v1Answers);
    expect(migrated[RETIRED_ID]).toBeUndefined();
    expect(migrated[RENAMED_FROM]).toBeUndefined();
    expect(migrated[RENAMED_TO]).toBe('full');
    expect(migrated[REWORDED_ID]).toBe('partial');
    expect(Object.keys(migrated)).toHaveLength(Object.keys(v1Answers).length - 1);
    // Scored on v2: IO without the retired IO-03 is all full → 100.
    expect(scoreAssessment(registry.getQuestionnaire(2), migrated).fields[1]?.score).toBe(100);
    expect(registry.migrateAnswers(2, 2, migrated)).toEqual(migrated);
    expect(() => registry.migrateAnswers(2, 1, migrated)).toThrow();
  });

  it('default registry migrates v1 to v1 unchanged', () => {
    expect(migrateAnswers(1, 1, v1Answers)).toEqual(v1Answers);
  });

  it('a later version without migration, or mapping unknown ids, is rejected at load', () => {
    const noMigration = cloneJson(buildV2Raw()) as { migration?: unknown };
    delete noMigration.migration;
    expect(() =>
      createQuestionnaireRegistry([
        { source: 'v1', data: rawV1 },
        { source: 'v2', data: noMigration },
      ]),
    ).toThrow(QuestionnaireError);
    const badMap = cloneJson(buildV2Raw()) as { migration: { map: Record<string, string | null> } };
    badMap.migration.map['MS-99'] = null;
    expect(() =>
      createQuestionnaireRegistry([
        { source: 'v1', data: rawV1 },
        { source: 'v2', data: badMap },
      ]),
    ).toThrow(/question MS-99/);
    const badTarget = cloneJson(buildV2Raw()) as { migration: { map: Record<string, string | null> } };
    badTarget.migration.map['IO-03'] = 'IO-77';
    expect(() =>
      createQuestionnaireRegistry([
        { source: 'v1', data: rawV1 },
        { source: 'v2', data: badTarget },
      ]),
    ).toThrow(/question IO-03 maps to IO-77/);
  });
});

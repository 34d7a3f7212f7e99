import rawV1 from './data/questionnaire.v1.json';
import { QuestionnaireError, parseQuestionnaire } from './schema';
import { answerOf } from './scale';
import type { AnswerMap, Questionnaire, StoredAnswer } from './types';

export interface QuestionnaireRegistry {
  getQuestionnaire(version: number): Questionnaire;
  /** The newest version: new assessments start on it and pin its number. */
  currentQuestionnaire(): Questionnaire;
  /** Known versions, ascending. */
  questionnaireVersions(): readonly number[];
  /** Carries answers from one version to a later one along the migration maps. */
  migrateAnswers(fromVersion: number, toVersion: number, answers: AnswerMap): AnswerMap;
}

/**
 * Builds a registry from raw questionnaire data (validated here). Every
 * version except the first must declare a migration from an earlier version
 * whose mapped ids exist there, so old assessments can always be carried over.
 */
export function createQuestionnaireRegistry(
  raws: readonly { readonly source: string; readonly data: unknown }[],
): QuestionnaireRegistry {
  const byVersion = new Map<number, Questionnaire>();
  for (const { source, data } of raws) {
    const q = parseQuestionnaire(data, source);
    if (byVersion.has(q.version)) throw new QuestionnaireError(source, [`version ${q.version} is registered twice`]);
    byVersion.set(q.version, q);
  }
  const versions = [...byVersion.keys()].sort((a, b) => a - b);
  if (versions.length === 0) throw new Error('questionnaire registry needs at least one version');

  for (const version of versions.slice(1)) {
    const q = byVersion.get(version);
    const migration = q?.migration;
    const source = `version ${version}`;
    if (migration === undefined) throw new QuestionnaireError(source, ['a later version needs a migration']);
    const from = byVersion.get(migration.fromVersion);
    if (from === undefined) {
      throw new QuestionnaireError(source, [`migration.fromVersion ${migration.fromVersion} is not registered`]);
    }
    const oldIds = new Set(from.questions.map((question) => question.id));
    const problems = Object.keys(migration.map)
      .filter((id) => !oldIds.has(id))
      .map((id) => `migration: question ${id} does not exist in version ${migration.fromVersion}`);
    if (problems.length > 0) throw new QuestionnaireError(source, problems);
  }

  const getQuestionnaire = (version: number): Questionnaire => {
    const q = byVersion.get(version);
    if (q === undefined) throw new Error(`unknown questionnaire version ${version}; known: ${versions.join(', ')}`);
    return q;
  };

  const migrateOneStep = (target: Questionnaire, answers: AnswerMap): AnswerMap => {
    const migration = target.migration;
    if (migration === undefined) return answers;
    const source = getQuestionnaire(migration.fromVersion);
    const targetIds = new Set(target.questions.map((question) => question.id));
    const result: Record<string, StoredAnswer> = {};
    // Walk in the old questionnaire's order so that, when two old questions
    // merge into one, the earlier old question's answer wins deterministically.
    for (const question of source.questions) {
      const value = answerOf(answers, question.id);
      if (value === undefined) continue;
      const mapped = Object.prototype.hasOwnProperty.call(migration.map, question.id)
        ? migration.map[question.id]
        : question.id;
      if (mapped === null || mapped === undefined || !targetIds.has(mapped)) continue;
      if (!Object.prototype.hasOwnProperty.call(result, mapped)) result[mapped] = value;
    }
    return result;
  };

  const migrateAnswers = (fromVersion: number, toVersion: number, answers: AnswerMap): AnswerMap => {
    getQuestionnaire(fromVersion);
    getQuestionnaire(toVersion);
    if (toVersion < fromVersion) throw new Error('answers can only be migrated to a later version');
    // Collect the chain of migrations from the target back to the source version.
    const chain: Questionnaire[] = [];
    let version = toVersion;
    while (version !== fromVersion) {
      const q = getQuestionnaire(version);
      if (q.migration === undefined || q.migration.fromVersion < fromVersion) {
        throw new Error(`no migration path from version ${fromVersion} to ${toVersion}`);
      }
      chain.unshift(q);
      version = q.migration.fromVersion;
    }
    return chain.reduce((acc, q) => migrateOneStep(q, acc), answers);
  };

  return {
    getQuestionnaire,
    currentQuestionnaire: () => getQuestionnaire(versions[versions.length - 1] ?? 1),
    questionnaireVersions: () => versions,
    migrateAnswers,
  };
}

/** The shipped questionnaires; loading fails fast if the data breaks a rule. */
export const defaultRegistry: QuestionnaireRegistry = createQuestionnaireRegistry([
  { source: 'questionnaire.v1.json', data: rawV1 },
]);

export function getQuestionnaire(version: number): Questionnaire {
  return defaultRegistry.getQuestionnaire(version);
}

export function currentQuestionnaire(): Questionnaire {
  return defaultRegistry.currentQuestionnaire();
}

export function questionnaireVersions(): readonly number[] {
  return defaultRegistry.questionnaireVersions();
}

export function migrateAnswers(fromVersion: number, toVersion: number, answers: AnswerMap): AnswerMap {
  return defaultRegistry.migrateAnswers(fromVersion, toVersion, answers);
}

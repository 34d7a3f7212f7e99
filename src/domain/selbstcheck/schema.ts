import { z } from 'zod';
import { FIELD_IDS, FIELD_NAMES, SUB_THEME_IDS } from './labels';
import type { Questionnaire } from './types';

/** Upper bound for question texts: longer texts are hard to read in a chat bubble. */
export const MAX_QUESTION_LENGTH = 200;
/** Help texts are a short hint, not a second question. */
export const MAX_HELP_LENGTH = 300;
export const MAX_RECOMMENDATION_LENGTH = 400;

const QUESTION_ID = /^(MS|IO|FZ|AW|EB|ZB|KK)-\d{2}$/;

const text = (max: number) =>
  z.strictObject({
    de: z.string().trim().min(1).max(max),
    en: z.string().trim().min(1).max(max),
  });

const fieldIdSchema = z.enum(['MS', 'IO', 'FZ', 'AW', 'EB', 'ZB', 'KK']);

const questionSchema = z.strictObject({
  id: z.string().regex(QUESTION_ID, 'id must look like MS-03'),
  field: fieldIdSchema,
  subTheme: z
    .enum([
      'education',
      'language',
      'work_training',
      'housing',
      'health_care',
      'transport',
      'culture',
      'sport',
      'safety_justice',
    ])
    .optional(),
  text: text(MAX_QUESTION_LENGTH),
  help: text(MAX_HELP_LENGTH),
  dimension: z.enum(['attitude_structures', 'measures_plans', 'cooperation']),
  weight: z.enum(['core', 'additional']),
  evidenceInvited: z.boolean(),
  gate: z.string().optional(),
  recommendation: z.string().min(1),
});

const questionnaireSchema = z.strictObject({
  version: z.number().int().positive(),
  fields: z.array(
    z.strictObject({
      id: fieldIdSchema,
      name: text(100),
      goal: text(1200),
    }),
  ),
  questions: z.array(questionSchema).min(1),
  recommendations: z.array(
    z.strictObject({
      id: z.string().min(1),
      field: fieldIdSchema,
      category: z.enum(['advice', 'training', 'network', 'dialogue_event', 'guidance_material']),
      text: text(MAX_RECOMMENDATION_LENGTH),
    }),
  ),
  migration: z
    .strictObject({
      fromVersion: z.number().int().positive(),
      map: z.record(z.string(), z.string().nullable()),
    })
    .optional(),
});

export class QuestionnaireError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid questionnaire ${source}:\n- ${problems.join('\n- ')}`);
    this.name = 'QuestionnaireError';
  }
}

/** Names the question id in zod issue paths so a broken data file points at the culprit. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path;
  if ((head === 'questions' || head === 'recommendations' || head === 'fields') && typeof index === 'number') {
    const list: unknown = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[head] : undefined;
    const item: unknown = Array.isArray(list) ? list[index] : undefined;
    const id: unknown = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['id'] : undefined;
    const label = head === 'questions' ? 'question' : head === 'fields' ? 'field' : 'recommendation';
    const name = typeof id === 'string' ? `${label} ${id}` : `${head}[${index}]`;
    return rest.length > 0 ? `${name} ${rest.map(String).join('.')}` : name;
  }
  return path.map(String).join('.') || '(root)';
}

/** Rules zod cannot express per item: references, order and uniqueness. */
function crossCheck(q: Questionnaire): string[] {
  const problems: string[] = [];

  const fieldIds = q.fields.map((f) => f.id);
  if (fieldIds.join(',') !== FIELD_IDS.join(',')) {
    problems.push(`fields must be exactly ${FIELD_IDS.join(', ')} in this order, got ${fieldIds.join(', ')}`);
  }
  for (const f of q.fields) {
    const official = FIELD_NAMES[f.id];
    if (f.name.de !== official.de || f.name.en !== official.en) {
      problems.push(`field ${f.id}: name must be "${official.de}" / "${official.en}"`);
    }
  }

  const recFields = new Map<string, string>();
  for (const r of q.recommendations) {
    if (recFields.has(r.id)) problems.push(`recommendation ${r.id}: duplicate id`);
    recFields.set(r.id, r.field);
  }

  const seen = new Map<string, number>();
  let lastFieldIndex = -1;
  let lastSubThemeIndex = -1;
  q.questions.forEach((question, index) => {
    const where = `question ${question.id}`;
    if (seen.has(question.id)) problems.push(`${where}: duplicate id`);
    if (!question.id.startsWith(question.field + '-')) {
      problems.push(`${where}: id prefix does not match field ${question.field}`);
    }
    // Questions must be grouped by field in official order so navigation order is the data order.
    const fieldIndex = FIELD_IDS.indexOf(question.field);
    if (fieldIndex < lastFieldIndex) problems.push(`${where}: questions must be grouped by field in official order`);
    if (fieldIndex !== lastFieldIndex) lastSubThemeIndex = -1;
    lastFieldIndex = fieldIndex;

    if (question.field === 'FZ') {
      if (question.subTheme === undefined) {
        problems.push(`${where}: FZ questions need a subTheme`);
      } else {
        const subIndex = SUB_THEME_IDS.indexOf(question.subTheme);
        if (subIndex < lastSubThemeIndex) problems.push(`${where}: FZ questions must be grouped by sub-theme in order`);
        lastSubThemeIndex = subIndex;
      }
    } else if (question.subTheme !== undefined) {
      problems.push(`${where}: only FZ questions have a subTheme`);
    }

    if (recFields.get(question.recommendation) !== question.field) {
      problems.push(`${where}: recommendation ${question.recommendation} does not exist in field ${question.field}`);
    }

    if (question.gate !== undefined) {
      const gateIndex = seen.get(question.gate);
      const gate = gateIndex === undefined ? undefined : q.questions[gateIndex];
      if (gate === undefined) {
        problems.push(`${where}: gate ${question.gate} must be an earlier question`);
      } else if (gate.field !== question.field) {
        problems.push(`${where}: gate ${question.gate} must be in the same field`);
      } else if (gate.gate !== undefined) {
        // One level only keeps "which questions are asked" easy to explain.
        problems.push(`${where}: gate ${question.gate} is itself a follow-up; gates cannot be nested`);
      }
    }
    seen.set(question.id, index);
  });

  if (q.migration !== undefined) {
    if (q.migration.fromVersion >= q.version) {
      problems.push(`migration.fromVersion ${q.migration.fromVersion} must be lower than version ${q.version}`);
    }
    for (const [from, to] of Object.entries(q.migration.map)) {
      if (to !== null && !seen.has(to)) {
        problems.push(`migration: question ${from} maps to ${to}, which does not exist in version ${q.version}`);
      }
    }
  }
  return problems;
}

/**
 * Validates raw questionnaire data (e.g. a parsed JSON file) and returns it
 * typed. Throws QuestionnaireError listing every problem with the question id.
 */
export function parseQuestionnaire(raw: unknown, source = 'questionnaire'): Questionnaire {
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QuestionnaireError(
      source,
      parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  const questionnaire: Questionnaire = parsed.data;
  const problems = crossCheck(questionnaire);
  if (problems.length > 0) throw new QuestionnaireError(source, problems);
  return questionnaire;
}

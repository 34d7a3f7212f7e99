/**
 * Parses what a card sends back (Action.Submit message value or Action.Execute invoke data, flattened
 * by the bot edge) into a typed union before any dialog sees it. Anything else is `invalid`.
 */
import { z } from 'zod';
import { ANSWER_VALUES, type AnswerValue } from '../src/domain/selbstcheck';

export const CARD_VERBS = [
  'answer',
  'skip',
  'back',
  'pause',
  'change',
  'continue',
  'overall',
  'form',
  'single',
  // A person's own data (cards/privacyCards.ts): handled by the bot before any dialog.
  'privacyErase',
  'privacyKeep',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

const target = {
  assessmentId: z.string().min(1).max(100),
  questionId: z.string().regex(/^[A-Z]{2}-\d{2}$/),
  questionnaireVersion: z.coerce.number().int().positive(),
};

const answerSchema = z.object({
  verb: z.literal('answer'),
  ...target,
  answer: z.enum(ANSWER_VALUES as readonly [AnswerValue, ...AnswerValue[]]),
  comment: z.string().max(2000).optional(),
});
const questionVerbSchema = z.object({ verb: z.enum(['skip', 'back', 'pause', 'change']), ...target });
const assessmentVerbSchema = z.object({
  verb: z.enum(['continue', 'overall', 'single']),
  assessmentId: z.string().min(1).max(100),
});

export type AnswerAction = z.infer<typeof answerSchema>;
export type QuestionAction = z.infer<typeof questionVerbSchema>;
export type AssessmentAction = z.infer<typeof assessmentVerbSchema>;

const FORM_INPUT = /^a_([A-Z]{2}-\d{2})$/;
const answerValue = z.enum(ANSWER_VALUES as readonly [AnswerValue, ...AnswerValue[]]);
const formSchema = z.object({
  verb: z.literal('form'),
  assessmentId: target.assessmentId,
  questionnaireVersion: target.questionnaireVersion,
  fieldId: z.string().regex(/^[A-Z]{2}$/),
  /** The questions given an answer, in the order of the form; untouched drop-downs are left out. */
  answers: z.array(z.object({ questionId: target.questionId, answer: answerValue })).max(60),
});
/** The compact form of a field: several answers at once (cards/fieldFormCard.ts). */
export type FormAction = z.infer<typeof formSchema>;

export type CardAction = AnswerAction | QuestionAction | AssessmentAction | FormAction;

export type ParsedCardAction =
  | { readonly ok: true; readonly action: CardAction }
  /** missing_answer: the Answer button without a selection; malformed: anything we did not send. */
  | { readonly ok: false; readonly reason: 'missing_answer' | 'malformed' };

export function parseCardAction(value: unknown): ParsedCardAction {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'malformed' };
  const record = value as Record<string, unknown>;
  switch (record['verb']) {
    case 'answer': {
      // Renderers send an empty string for an untouched ChoiceSet and for an empty comment.
      const cleaned: Record<string, unknown> = {
        ...record,
        comment: record['comment'] === '' ? undefined : record['comment'],
      };
      if (cleaned['answer'] === undefined || cleaned['answer'] === '') {
        return questionVerbSchema.safeParse({ ...cleaned, verb: 'skip' }).success
          ? { ok: false, reason: 'missing_answer' }
          : { ok: false, reason: 'malformed' };
      }
      const parsed = answerSchema.safeParse(cleaned);
      return parsed.success ? { ok: true, action: parsed.data } : { ok: false, reason: 'malformed' };
    }
    case 'skip':
    case 'back':
    case 'pause':
    case 'change': {
      const parsed = questionVerbSchema.safeParse(record);
      return parsed.success ? { ok: true, action: parsed.data } : { ok: false, reason: 'malformed' };
    }
    case 'form': {
      // Inputs arrive as `a_<question id>` keys next to the action's data; anything else we did not send.
      const answers: { questionId: string; answer: unknown }[] = [];
      const rest: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(record)) {
        const m = FORM_INPUT.exec(key);
        if (m === null) rest[key] = v;
        else if (v !== '' && v !== undefined && v !== null) answers.push({ questionId: m[1] ?? '', answer: v });
      }
      const parsed = formSchema.strict().safeParse({ ...rest, answers });
      return parsed.success ? { ok: true, action: parsed.data } : { ok: false, reason: 'malformed' };
    }
    case 'continue':
    case 'overall':
    case 'single': {
      const parsed = assessmentVerbSchema.safeParse(record);
      return parsed.success ? { ok: true, action: parsed.data } : { ok: false, reason: 'malformed' };
    }
    default:
      return { ok: false, reason: 'malformed' };
  }
}

/** Whether a message value looks like it came from one of our cards (so the bot routes it here). */
export function isCardPayload(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['verb'] === 'string';
}

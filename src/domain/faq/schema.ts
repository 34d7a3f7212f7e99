import { z } from 'zod';
import {
  ALLOWED_SOURCE_URLS,
  FAQ_LOCALES,
  REQUIRED_LOCALES,
  TOP_LOCALES,
  type FaqEntry,
  type FaqKnowledgeBase,
} from './types';

/** Answers are short: a chat bubble, not a page. */
export const MAX_ANSWER_CHARS = 550;

const question = z.string().trim().min(3).max(200);
const questionList = z.array(question).min(1);
const keywordList = z.array(z.string().trim().min(1).max(60)).min(1);
const answer = z.string().trim().min(20).max(MAX_ANSWER_CHARS);

const localizedQuestions = z
  .object({
    de: questionList,
    en: questionList,
    'de-LS': questionList.optional(),
    tr: questionList.optional(),
    ar: questionList.optional(),
    uk: questionList.optional(),
  })
  .strict();

const localizedKeywords = z
  .object({
    de: keywordList,
    en: keywordList,
    'de-LS': keywordList.optional(),
    tr: keywordList.optional(),
    ar: keywordList.optional(),
    uk: keywordList.optional(),
  })
  .strict();

const localizedAnswers = z
  .object({
    de: answer,
    en: answer,
    'de-LS': answer.optional(),
    tr: answer.optional(),
    ar: answer.optional(),
    uk: answer.optional(),
  })
  .strict();

const source = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('project'),
      title: z.string().trim().min(3),
      url: z.enum(ALLOWED_SOURCE_URLS),
      section: z.string().trim().min(2),
    })
    .strict(),
  z.object({ type: z.literal('bot'), title: z.string().trim().min(3), section: z.string().trim().min(2) }).strict(),
]);

export const faqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
    top: z.number().int().min(1).max(10).optional(),
    tags: z.array(z.string().min(1)).min(1),
    keywords: localizedKeywords,
    questions: localizedQuestions,
    answers: localizedAnswers,
    source,
    followUps: z.array(z.string()).min(2).max(3),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.top !== undefined) {
      for (const loc of TOP_LOCALES) {
        if (!e.questions[loc])
          ctx.addIssue({ code: 'custom', path: ['questions', loc], message: `top entry needs ${loc} questions` });
        if (!e.answers[loc])
          ctx.addIssue({ code: 'custom', path: ['answers', loc], message: `top entry needs a ${loc} answer` });
      }
    }
    for (const loc of FAQ_LOCALES) {
      if (e.answers[loc] !== undefined && e.questions[loc] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', loc],
          message: `answer in ${loc} but no question in ${loc}`,
        });
      }
    }
    if (new Set(e.followUps).size !== e.followUps.length) {
      ctx.addIssue({ code: 'custom', path: ['followUps'], message: 'duplicate follow-up' });
    }
    if (e.followUps.includes(e.id))
      ctx.addIssue({ code: 'custom', path: ['followUps'], message: 'entry cannot follow up on itself' });
  });

const kbEnvelope = z.object({ version: z.number().int().positive(), entries: z.array(z.unknown()).min(1) }).strict();

export class FaqValidationError extends Error {
  constructor(
    message: string,
    /** Id of the offending entry (or `#index` when it has no usable id). */
    readonly entryId?: string,
  ) {
    super(message);
    this.name = 'FaqValidationError';
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Validates raw knowledge-base data. Throws FaqValidationError naming the id of the
 * first broken entry; also checks cross-entry rules (unique ids, follow-ups exist,
 * exactly ten distinct `top` ranks).
 */
export function parseKnowledgeBase(raw: unknown): FaqKnowledgeBase {
  const env = kbEnvelope.safeParse(raw);
  if (!env.success) throw new FaqValidationError(`FAQ knowledge base is malformed: ${describe(env.error)}`);

  const entries: FaqEntry[] = env.data.entries.map((item, index) => {
    const rawId =
      typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? item.id : `#${index}`;
    const parsed = faqEntrySchema.safeParse(item);
    if (!parsed.success)
      throw new FaqValidationError(`FAQ entry "${rawId}" is invalid: ${describe(parsed.error)}`, rawId);
    return parsed.data;
  });

  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.id)) throw new FaqValidationError(`FAQ entry "${e.id}" is duplicated`, e.id);
    ids.add(e.id);
  }
  for (const e of entries) {
    for (const f of e.followUps) {
      if (!ids.has(f)) throw new FaqValidationError(`FAQ entry "${e.id}" has unknown follow-up "${f}"`, e.id);
    }
  }
  const ranks = new Map<number, string>();
  for (const e of entries) {
    if (e.top === undefined) continue;
    const other = ranks.get(e.top);
    if (other) throw new FaqValidationError(`FAQ entry "${e.id}" repeats top rank ${e.top} of "${other}"`, e.id);
    ranks.set(e.top, e.id);
  }
  if (ranks.size !== 10) throw new FaqValidationError(`FAQ needs exactly 10 top entries, found ${ranks.size}`);
  for (const loc of REQUIRED_LOCALES) {
    for (const e of entries) {
      if (!e.answers[loc]) throw new FaqValidationError(`FAQ entry "${e.id}" lacks ${loc}`, e.id);
    }
  }
  return { version: env.data.version, entries };
}

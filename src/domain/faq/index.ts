/**
 * Citizens' FAQ about the model project "Weltoffene Kommune": knowledge base,
 * validation and local full-text retrieval with a confidence threshold.
 * Pure: no bot framework, HTTP or database imports.
 */
import { loadFaq } from './load';
import { createFaqMatcher } from './matcher';
import type { AnswerOptions, FaqMatcher, FaqResult } from './types';

export * from './types';
export { loadFaq } from './load';
export { createFaqMatcher, THRESHOLDS, fallbackChain } from './matcher';
export { detectLanguage, type DetectedLanguage } from './language';
export { FaqValidationError, parseKnowledgeBase, MAX_ANSWER_CHARS } from './schema';

let defaultMatcher: FaqMatcher | undefined;

/** Answers with a lazily built matcher over the bundled knowledge base. */
export function answerFaq(query: string, opts?: AnswerOptions): FaqResult {
  defaultMatcher ??= createFaqMatcher(loadFaq());
  return defaultMatcher.answer(query, opts);
}

import faqData from './data/faq.json';
import { parseKnowledgeBase } from './schema';
import type { FaqKnowledgeBase } from './types';

/**
 * Loads and validates the FAQ knowledge base. Without an argument it loads the
 * bundled src/domain/faq/data/faq.json. Throws FaqValidationError naming the
 * broken entry's id.
 */
export function loadFaq(raw: unknown = faqData): FaqKnowledgeBase {
  return parseKnowledgeBase(raw);
}

/** The words around a personal resume code (`WR-…`), from the web identity catalog. */
import type { BotMessage } from '../../domain/messages';
import { staffText, type StaffLocale } from '../../i18n/staff';

/**
 * The message that hands a freshly issued resume code to its owner: the code, how to continue with it on
 * another device or browser (`code WR-…`), and to keep it private like a password. Onboarding sends it
 * after consent; the `fortsetzungscode` command after issuing a new one.
 */
export function resumeCodeMessage(locale: StaffLocale, code: string): BotMessage {
  return { text: staffText(locale, 'webIdentity.code', { code }) };
}

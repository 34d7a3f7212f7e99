import type { FaqLocale } from '../domain/faq';

/**
 * Texts the self-hosted Direct Line itself sends into a web chat conversation (without a bot turn), in
 * every language of the public page. Kept apart from the bot's catalog because the bot speaks German
 * and English only, while the page offers Leichte Sprache, Turkish, Arabic and Ukrainian as well.
 */
interface WebChatTexts {
  /** The message was longer than `{max}` characters; it was not processed. */
  tooLong: string;
}

export const WEB_CHAT_TEXTS: Record<FaqLocale, WebChatTexts> = {
  de: {
    tooLong:
      'Ihre Nachricht ist leider zu lang (höchstens {max} Zeichen), deshalb habe ich sie nicht gelesen. Bitte schreiben Sie sie kürzer, gern auch in mehreren Nachrichten.',
  },
  'de-LS': {
    tooLong:
      'Ihre Nachricht ist zu lang.\nIch kann sie nicht lesen.\nBitte schreiben Sie kürzer.\nSie können auch mehrere kurze Nachrichten schreiben.',
  },
  en: {
    tooLong:
      'Sorry, your message is too long (at most {max} characters), so I did not read it. Please write it shorter, or split it into several messages.',
  },
  tr: {
    tooLong:
      'Üzgünüm, mesajınız çok uzun (en fazla {max} karakter), bu yüzden okuyamadım. Lütfen daha kısa yazın veya birkaç mesaja bölün.',
  },
  ar: {
    tooLong:
      'عذرًا، رسالتك طويلة جدًا (الحد الأقصى {max} حرف)، لذلك لم أقرأها. يُرجى كتابتها بشكل أقصر أو تقسيمها إلى عدة رسائل.',
  },
  uk: {
    tooLong:
      'На жаль, ваше повідомлення задовге (не більше {max} символів), тому я його не прочитав. Будь ласка, напишіть коротше або розділіть його на кілька повідомлень.',
  },
};

import type { FaqLocale } from '../domain/faq';

/**
 * The few sentences around an FAQ answer, in every language the FAQ answers in
 * (the rest of the bot speaks German and English only).
 */
interface FaqTexts {
  source: string;
  notSure: string;
  closest: string;
  contact: string;
}

export const FAQ_TEXTS: Record<FaqLocale, FaqTexts> = {
  de: {
    source: 'Quelle',
    notSure: 'Da bin ich mir nicht sicher, und ich möchte Ihnen nichts Falsches sagen.',
    closest: 'Meinten Sie vielleicht eine dieser Fragen?',
    contact: 'Sie können sich auch an das Projektteam wenden: {contact}',
  },
  'de-LS': {
    source: 'Quelle',
    notSure: 'Das weiß ich nicht genau.\nIch will nichts Falsches sagen.',
    closest: 'Vielleicht meinen Sie diese Frage:',
    contact: 'Sie können auch das Projekt-Team fragen: {contact}',
  },
  en: {
    source: 'Source',
    notSure: "I am not sure about that, and I don't want to tell you anything wrong.",
    closest: 'Did you perhaps mean one of these questions?',
    contact: 'You can also contact the project team: {contact}',
  },
  tr: {
    source: 'Kaynak',
    notSure: 'Bundan emin değilim ve size yanlış bir şey söylemek istemiyorum.',
    closest: 'Şu sorulardan birini mi kastettiniz?',
    contact: 'Proje ekibine de başvurabilirsiniz: {contact}',
  },
  ar: {
    source: 'المصدر',
    notSure: 'لست متأكدًا من ذلك، ولا أريد أن أعطيك معلومة خاطئة.',
    closest: 'هل تقصد أحد هذه الأسئلة؟',
    contact: 'يمكنك أيضًا التواصل مع فريق المشروع: {contact}',
  },
  uk: {
    source: 'Джерело',
    notSure: 'Я в цьому не впевнений і не хочу сказати вам щось неправильне.',
    closest: 'Можливо, ви мали на увазі одне з цих питань?',
    contact: 'Ви також можете звернутися до команди проєкту: {contact}',
  },
};

/**
 * The web chat greeting for the languages the rest of the bot does not speak; German and English
 * greet with the main catalog's text, which also tells staff how to start the self-check.
 */
export const FAQ_WELCOME: Record<Exclude<FaqLocale, 'de' | 'en'>, string> = {
  'de-LS':
    'Willkommen!\nHier bekommen Sie Antworten zum Projekt „Weltoffene Kommune“.\nSchreiben Sie Ihre Frage.\nOder tippen Sie unten auf eine Frage.',
  tr: 'Hoş geldiniz! „Weltoffene Kommune“ (Dünyaya Açık Belediye) model projesiyle ilgili sorularınızı yanıtlıyorum. Sorunuzu yazın veya aşağıdaki sorulardan birini seçin.',
  ar: 'أهلًا وسهلًا! أجيب عن أسئلتك حول المشروع النموذجي „Weltoffene Kommune“ (البلدية المنفتحة على العالم). اكتب سؤالك أو اختر أحد الأسئلة أدناه.',
  uk: 'Ласкаво просимо! Я відповідаю на запитання про модельний проєкт „Weltoffene Kommune“ (Відкрита до світу громада). Напишіть своє запитання або виберіть одне з запитань нижче.',
};

/**
 * Said when the database could not be reached during a turn: nothing was saved, try again.
 * German and English come from the main catalog (`error.storage`); these are the web chat's other languages.
 */
export const STORAGE_APOLOGY: Record<Exclude<FaqLocale, 'de' | 'en'>, string> = {
  'de-LS':
    'Entschuldigung.\nIch konnte Ihre Nachricht gerade nicht speichern.\nBitte schicken Sie die Nachricht gleich noch einmal.',
  tr: 'Özür dilerim, mesajınızı şu anda kaydedemedim. Lütfen birazdan tekrar gönderin.',
  ar: 'عذرًا، لم أتمكن من حفظ رسالتك الآن. يُرجى إرسالها مرة أخرى بعد قليل.',
  uk: 'Вибачте, я не зміг зберегти ваше повідомлення. Будь ласка, надішліть його ще раз за хвилинку.',
};

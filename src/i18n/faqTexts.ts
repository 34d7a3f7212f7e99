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

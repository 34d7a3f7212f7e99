/**
 * Staff texts for the conversation's understanding (issue #18): greetings, "what can I do here", questions
 * mid-check and answers asked back. German first; English complete. The public web chat's greeting, in its
 * six languages, is `PUBLIC_GREETING` below.
 */
import type { FaqLocale } from '../domain/faq';

export const understandingDe = {
  'greet.staff':
    'Hallo! Ich bin der Weltoffen-Bot. Ich begleite Mitarbeiter*innen teilnehmender Kommunen durch den Selbstcheck „Weltoffene Kommune“: Fragen zu sieben Handlungsfeldern, in Ihrem Tempo, mit einer Einschätzung und Vorschlägen für jedes Feld. Tippen Sie auf „Selbstcheck starten“ (oder schreiben Sie „start“); „hilfe“ zeigt alle Befehle.',
  'greet.midDialog': 'Hallo! Wir sind mitten im Selbstcheck. Hier geht es weiter:',
  'greet.midDialogCapabilities':
    'Ich begleite Sie durch den Selbstcheck: Antworten Sie mit 1–5 oder in eigenen Worten (z. B. „teilweise“), fragen Sie nach, wenn etwas unklar ist (z. B. „was bedeutet geplant?“); „pause“ unterbricht, „hilfe“ zeigt alle Befehle. Hier geht es weiter:',
  'greet.buttonStart': 'Selbstcheck starten',
  'greet.buttonHelp': 'hilfe',
  'understand.scale': '**{label}**: {definition}',
  'understand.help': 'Zu dieser Frage: {help}',
  'understand.noHelp':
    'Zu dieser Frage habe ich keine weitere Erläuterung. Antworten Sie nach Ihrer Einschätzung, oder mit „weiß nicht“.',
  'understand.scaleHint': 'Sie können auch nach den Antwortstufen fragen, z. B. „was bedeutet teilweise?“.',
  'understand.askBack': 'Das kann ich nicht eindeutig zuordnen. Welche Antwort passt?',
};

export type UnderstandingMessageKey = keyof typeof understandingDe;

export const understandingEn: Record<UnderstandingMessageKey, string> = {
  'greet.staff':
    'Hello! I am the Weltoffen-Bot. I guide staff of participating municipalities through the “Weltoffene Kommune” self-check: questions on seven fields of action, at your own pace, with an assessment and suggestions for each field. Tap “start self-check” (or type “start”); “help” lists every command.',
  'greet.midDialog': 'Hello! We are in the middle of the self-check. Here is where we are:',
  'greet.midDialogCapabilities':
    'I am guiding you through the self-check: answer with 1–5 or in your own words (e.g. “partly”), ask when something is unclear (e.g. “what does planned mean?”); “pause” stops, “help” lists every command. Here is where we are:',
  'greet.buttonStart': 'start self-check',
  'greet.buttonHelp': 'help',
  'understand.scale': '**{label}**: {definition}',
  'understand.help': 'About this question: {help}',
  'understand.noHelp': 'I have no further explanation for this question. Answer as you see it, or with “don’t know”.',
  'understand.scaleHint': 'You can also ask about the answer steps, e.g. “what does partly mean?”.',
  'understand.askBack': 'I cannot tell which answer you mean. Which one fits?',
};

/**
 * The public web chat's answer to a greeting or "what can I do here?". German and English also tell staff how
 * to start the self-check (it exists in those languages only); the other languages speak to citizens alone,
 * so nobody who reads only them is led into the staff's consent and onboarding.
 */
export const PUBLIC_GREETING: Readonly<Record<FaqLocale, string>> = {
  de: 'Hallo! Ich bin der Weltoffen-Bot. Ich beantworte Fragen zum Modellprojekt „Weltoffene Kommune“: Schreiben Sie Ihre Frage oder wählen Sie eine unten. Mitarbeiter*innen teilnehmender Kommunen begleite ich durch den Selbstcheck: Tippen Sie auf „Selbstcheck starten“.',
  en: 'Hello! I am the Weltoffen-Bot. I answer questions about the model project “Weltoffene Kommune”: type your question or pick one below. Staff of participating municipalities I guide through the self-check: tap “start self-check”.',
  'de-LS':
    'Hallo!\nIch bin der Weltoffen-Bot.\nSie können mir Fragen zum Projekt „Weltoffene Kommune“ stellen.\nSchreiben Sie Ihre Frage.\nOder tippen Sie unten auf eine Frage.',
  tr: 'Merhaba! Ben Weltoffen-Bot. „Weltoffene Kommune“ (Dünyaya Açık Belediye) model projesiyle ilgili sorularınızı yanıtlıyorum. Sorunuzu yazın veya aşağıdaki sorulardan birini seçin.',
  ar: 'مرحبًا! أنا Weltoffen-Bot. أجيب عن أسئلتك حول المشروع النموذجي „Weltoffene Kommune“ (البلدية المنفتحة على العالم). اكتب سؤالك أو اختر أحد الأسئلة أدناه.',
  uk: 'Вітаю! Я Weltoffen-Bot. Я відповідаю на запитання про модельний проєкт „Weltoffene Kommune“ (Відкрита до світу громада). Напишіть своє запитання або виберіть одне з запитань нижче.',
};

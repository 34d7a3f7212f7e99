import type { UiLocale } from './locale';

/**
 * The bot's own texts. Each key exists in both languages (the type enforces it);
 * `{name}` placeholders are filled by `t()`.
 */
const de = {
  'welcome.personal':
    'Hallo! Ich bin der Weltoffen-Bot. Ich begleite Sie durch den Selbstcheck „Weltoffene Kommune“: Fragen zu sieben Handlungsfeldern, die Sie in Ihrem Tempo beantworten, unterbrechen und später fortsetzen können. Am Ende erhalten Sie für jedes Feld eine Einschätzung mit Vorschlägen. Schreiben Sie „hilfe“, um zu sehen, was ich kann.',
  'welcome.channel':
    'Hallo zusammen! Ich bin der Weltoffen-Bot. In diesem Kanal kann ich Zusammenfassungen des Selbstchecks „Weltoffene Kommune“ posten. Schreiben Sie „@Weltoffen-Bot hilfe“, um zu sehen, was ich kann.',
  'welcome.webchat':
    'Willkommen! Ich beantworte Fragen zum Modellprojekt „Weltoffene Kommune“ und begleite Mitarbeiter*innen teilnehmender Kommunen durch den Selbstcheck. Schreiben Sie „hilfe“, um zu sehen, was ich kann.',
  'help.text':
    'Das können Sie mir schreiben:\n\n- **hilfe**: diese Übersicht\n- **sprache englisch** / **sprache deutsch**: Sprache wechseln\n\nWeitere Befehle für den Selbstcheck folgen, sobald Sie ihn begonnen haben.',
  'unknown.text': 'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, um zu sehen, was ich kann.',
  'language.switched': 'Alles klar, ich schreibe ab jetzt auf Deutsch.',
  'error.generic': 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  'error.busy': 'Ich bearbeite gerade noch Ihre vorige Nachricht. Bitte senden Sie diese noch einmal.',
  'input.unsupported': 'Diese Art von Nachricht kann ich leider nicht verarbeiten. Schreiben Sie mir bitte als Text.',
} as const;

type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'welcome.personal':
    "Hello! I am Weltoffen-Bot. I guide you through the self-check “Weltoffene Kommune” (welcoming municipality): questions in seven fields of action that you answer at your own pace, pause and resume later. At the end you get an assessment with suggestions for each field. Type “help” to see what I can do.",
  'welcome.channel':
    'Hello everyone! I am Weltoffen-Bot. In this channel I can post summaries of the “Weltoffene Kommune” self-check. Type “@Weltoffen-Bot help” to see what I can do.',
  'welcome.webchat':
    'Welcome! I answer questions about the model project “Weltoffene Kommune” (welcoming municipality) and guide staff of participating municipalities through the self-check. Type “help” to see what I can do.',
  'help.text':
    'You can write:\n\n- **help**: this overview\n- **language german** / **language english**: switch language\n\nMore commands for the self-check appear once you have started it.',
  'unknown.text': "Sorry, I did not understand that. Type “help” to see what I can do.",
  'language.switched': "All right, I'll write in English from now on.",
  'error.generic': 'Sorry, something went wrong on my side. Please try again in a moment.',
  'error.busy': 'I am still working on your previous message. Please send this one again.',
  'input.unsupported': 'Sorry, I cannot handle this kind of message. Please write to me as text.',
};

const catalogs: Record<UiLocale, Record<MessageKey, string>> = { de, en };

export type { MessageKey };

export function t(locale: UiLocale, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

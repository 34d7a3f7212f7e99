/**
 * Texts of the workshop exports (PDF report, blank questionnaire, CSV headers, link and dashboard cards, the
 * download page); German first.
 */
import type { ExportDocumentLabels } from '../domain/ports/exports';
import type { Locale } from '../domain/selbstcheck';

/** The documents' labels (the renderer's port) plus the texts of the export link reply. */
export interface ExportTexts extends ExportDocumentLabels {
  readonly linkCardTitle: string;
  readonly linkCardText: (municipality: string, format: string, minutes: number) => string;
  readonly linkCardButton: string;
  /** In a channel or group chat: no link anybody there could open, the dashboard instead. */
  readonly dashboardCardTitle: string;
  readonly dashboardCardText: (municipality: string, format: string) => string;
  readonly dashboardCardButton: string;
  readonly denied: string;
  readonly unknownMunicipality: string;
}

const de: ExportTexts = {
  reportTitle: 'Selbstcheck Weltoffene Kommune – Ergebnisbericht',
  questionnaireTitle: 'Selbstcheck Weltoffene Kommune – Fragebogen zur Vorbereitung',
  generatedAt: 'Erstellt am',
  round: 'Durchgang',
  questionnaireVersion: 'Fragebogen-Version',
  respondents: 'Befragte',
  overall: 'Gesamtergebnis',
  method: 'Methode',
  methodText:
    'Mehrere Personen aus Verwaltung und Integrationsbeirat beantworten die Indikatoren der sieben Handlungsfelder. ' +
    'Die Antworten werden je Frage zum Median zusammengeführt; liegen Antworten zwei oder mehr Skalenstufen auseinander, ' +
    'erscheint die Frage in der Liste der Abweichungen. Jede Antwort ergibt Punkte (vollständig 100, teilweise 60, geplant 25, ' +
    'nicht vorhanden 0), Kernindikatoren zählen doppelt. „Weiß nicht“ zählt nicht zur Punktzahl, sondern als Wissenslücke. ' +
    'Der Wert je Handlungsfeld liegt zwischen 0 und 100 und wird einer Stufe zugeordnet.',
  fields: 'Die sieben Handlungsfelder',
  score: 'Punkte',
  level: 'Stufe',
  completeness: 'beantwortet',
  noScore: 'noch kein Wert',
  divergences: 'Abweichende Einschätzungen',
  noDivergences: 'Keine Frage mit deutlich abweichenden Antworten.',
  knowledgeGaps: 'Wissenslücken („Weiß nicht“)',
  noKnowledgeGaps: 'Keine Wissenslücken.',
  recommendations: 'Empfehlungen',
  noRecommendations: 'Keine Empfehlungen.',
  questions: 'Fragen und zusammengeführte Antworten',
  notAnswered: 'nicht beantwortet',
  respondentLabel: (n) => `Befragte ${n}`,
  steps: (n) => `${n} Stufen`,
  questionnaireIntro:
    'Bitte kreuzen Sie je Frage eine Antwort an und notieren Sie Belege oder Anmerkungen. Die Antworten können danach im Chat eingegeben werden.',
  commentLine: 'Anmerkung / Beleg:',
  page: (n) => `Seite ${n}`,
  linkCardTitle: 'Export bereit',
  linkCardText: (m, f, min) =>
    `Der ${f.toUpperCase()}-Export für ${m}: Der Link gilt ${min} Minuten und für einen Download. Geben Sie ihn nicht weiter.`,
  linkCardButton: 'Herunterladen',
  dashboardCardTitle: 'Export im Dashboard',
  dashboardCardText: (m, f) =>
    `Hier lesen alle im Kanal mit, deshalb gibt es keinen Download-Link. Den ${f.toUpperCase()}-Export für ${m} laden Sie im Dashboard herunter, angemeldet mit Ihrem eigenen Konto – oder schreiben Sie mir „export“ im persönlichen Chat.`,
  dashboardCardButton: 'Im Dashboard öffnen',
  denied: 'Diesen Export dürfen Sie nicht abrufen.',
  unknownMunicipality: 'Diese Kommune kenne ich nicht.',
  csvHeaders: [
    'befragte_person',
    'rolle',
    'kommune_id',
    'kommune',
    'durchgang',
    'frage_id',
    'handlungsfeld',
    'frage',
    'antwort',
    'antwort_text',
    'kommentar',
    'fragebogen_version',
    'kanal',
    'zuerst_beantwortet',
    'zuletzt_beantwortet',
    'aenderungen',
  ],
};

const en: ExportTexts = {
  reportTitle: 'Self-check Welcoming Municipality – results report',
  questionnaireTitle: 'Self-check Welcoming Municipality – questionnaire for preparation',
  generatedAt: 'Generated on',
  round: 'Round',
  questionnaireVersion: 'Questionnaire version',
  respondents: 'Respondents',
  overall: 'Overall result',
  method: 'Method',
  methodText:
    'Several people from the administration and the integration advisory council answer the indicators of the seven fields of action. ' +
    'Answers are consolidated per question to the median; where answers lie two or more scale steps apart, the question appears ' +
    'in the list of divergences. Each answer gives points (full 100, partial 60, planned 25, not in place 0); core indicators count twice. ' +
    '"Don\'t know" does not count towards the score but as a knowledge gap. Each field scores 0 to 100 and is assigned a level.',
  fields: 'The seven fields of action',
  score: 'Points',
  level: 'Level',
  completeness: 'answered',
  noScore: 'no score yet',
  divergences: 'Diverging assessments',
  noDivergences: 'No question with clearly diverging answers.',
  knowledgeGaps: 'Knowledge gaps ("Don\'t know")',
  noKnowledgeGaps: 'No knowledge gaps.',
  recommendations: 'Recommendations',
  noRecommendations: 'No recommendations.',
  questions: 'Questions and consolidated answers',
  notAnswered: 'not answered',
  respondentLabel: (n) => `Respondent ${n}`,
  steps: (n) => `${n} steps`,
  questionnaireIntro:
    'Please tick one answer per question and note evidence or remarks. The answers can then be entered in the chat.',
  commentLine: 'Remark / evidence:',
  page: (n) => `Page ${n}`,
  linkCardTitle: 'Export ready',
  linkCardText: (m, f, min) =>
    `The ${f.toUpperCase()} export for ${m}: the link is valid for ${min} minutes and one download. Do not pass it on.`,
  linkCardButton: 'Download',
  dashboardCardTitle: 'Export in the dashboard',
  dashboardCardText: (m, f) =>
    `Everyone in this channel reads along, so there is no download link here. Download the ${f.toUpperCase()} export for ${m} in the dashboard, signed in with your own account – or write "export" to me in a personal chat.`,
  dashboardCardButton: 'Open in the dashboard',
  denied: 'You may not retrieve this export.',
  unknownMunicipality: 'I do not know this municipality.',
  csvHeaders: [
    'respondent',
    'role',
    'municipality_id',
    'municipality',
    'round',
    'question_id',
    'field',
    'question',
    'value',
    'value_label',
    'comment',
    'questionnaire_version',
    'channel',
    'first_answered_at',
    'answered_at',
    'changes',
  ],
};

export function exportTexts(locale: Locale): ExportTexts {
  return locale === 'en' ? en : de;
}

/** What the download page (/download/) can say; it shows German and English together, German first. */
export const DOWNLOAD_PAGE_STATES = [
  'working',
  'done',
  'expired',
  'used',
  'unknown',
  'forbidden',
  'notFound',
  'tooMany',
  'failed',
] as const;
export type DownloadPageState = (typeof DOWNLOAD_PAGE_STATES)[number];

export interface DownloadPageTexts {
  readonly title: string;
  readonly noScript: string;
  /** Offered once the file is there, in case the browser did not save it by itself. */
  readonly saveAgain: string;
  readonly states: Readonly<Record<DownloadPageState, string>>;
}

const downloadPageDe: DownloadPageTexts = {
  title: 'Weltoffene Kommune – Download',
  noScript: 'Für den Download wird JavaScript benötigt.',
  saveAgain: 'Falls der Download nicht von selbst startete: Datei speichern',
  states: {
    working: 'Die Datei wird vorbereitet …',
    done: 'Die Datei wurde heruntergeladen. Der Link ist damit verbraucht.',
    expired:
      'Dieser Link ist abgelaufen. Bitten Sie den Bot um einen neuen Link (zum Beispiel „export <Kommune> pdf“).',
    used: 'Dieser Link wurde schon verwendet; er gilt für einen Download. Bitten Sie den Bot um einen neuen Link.',
    unknown: 'Dieser Link ist nicht gültig. Bitten Sie den Bot um einen neuen Link.',
    forbidden: 'Ihre Rolle erlaubt diesen Export nicht mehr.',
    notFound: 'Für diese Kommune gibt es nichts zu exportieren.',
    tooMany: 'Zu viele Versuche. Bitte warten Sie eine Minute.',
    failed: 'Die Datei konnte nicht erstellt werden. Bitte versuchen Sie es später mit einem neuen Link.',
  },
};

const downloadPageEn: DownloadPageTexts = {
  title: 'Welcoming Municipality – download',
  noScript: 'The download needs JavaScript.',
  saveAgain: 'If the download did not start by itself: save the file',
  states: {
    working: 'Preparing the file …',
    done: 'The file was downloaded. The link is now used up.',
    expired: 'This link has expired. Ask the bot for a new link (for example "export <municipality> pdf").',
    used: 'This link has already been used; it is good for one download. Ask the bot for a new link.',
    unknown: 'This link is not valid. Ask the bot for a new link.',
    forbidden: 'Your role no longer allows this export.',
    notFound: 'There is nothing to export for this municipality.',
    tooMany: 'Too many attempts. Please wait a minute.',
    failed: 'The file could not be created. Please try again later with a new link.',
  },
};

export function downloadPageTexts(locale: Locale): DownloadPageTexts {
  return locale === 'en' ? downloadPageEn : downloadPageDe;
}

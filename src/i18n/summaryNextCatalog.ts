/**
 * Staff texts for what comes after the overall summary (issue #18): the short "all answered" with the next
 * steps that "weiter" shows once everything is answered (instead of the whole summary again), and the
 * divergence lines of the overall summary with the question's text. German first; English complete.
 * The button titles are themselves commands (`status`, `antwort ändern`, …), so a click is a typed command.
 */
export const summaryNextDe = {
  'afterSummary.done': '**Sie haben alle Fragen beantwortet.** So geht es weiter:',
  'afterSummary.status': '`status` – Ihr Stand und der Ihrer Kolleg*innen',
  'afterSummary.change':
    '`ändern` – eine Antwort ändern (Liste der Fragen zum Auswählen; direkt z. B. `ändern MS-03`, ein anderes Handlungsfeld mit `feld IO`)',
  'afterSummary.result': '`ergebnis` – die Auswertung noch einmal ansehen',
  'afterSummary.leadNote': 'Die Auswertung aller Antworten und den Workshop bereitet Ihre Kommunalleitung vor.',
  'afterSummary.workshopTitle': '**Für den Workshop** (Kommunalleitung):',
  'afterSummary.export':
    '`export {municipality} pdf` – der Bericht für den Workshop: Auswertung je Handlungsfeld, unterschiedliche Einschätzungen, Wissenslücken und Empfehlungen (auch `csv` und `json` mit allen Antworten)',
  'afterSummary.exportElsewhere':
    'Den Bericht für den Workshop (PDF) laden Sie im Dashboard oder im Teams-Chat mit dem Bot herunter: `export {municipality} pdf`',
  'afterSummary.blankForms': 'Leere Fragebögen zum Ausfüllen im Workshop: {links}',
  'afterSummary.close':
    '`abschließen` – die Runde abschließen, wenn alle geantwortet haben; danach beginnt `start` eine neue Runde',
  'afterSummary.buttonStatus': 'Status',
  'afterSummary.buttonChange': 'Antwort ändern',
  'afterSummary.buttonResult': 'Ergebnis',
  'afterSummary.buttonExport': 'Export {municipality} PDF',
  'afterSummary.buttonClose': 'Runde abschließen',
  'afterSummary.divergenceLine': '{id} – {question}: von „{highest}“ bis „{lowest}“',
  'afterSummary.divergencesMore': '… und {count} weitere (alle im Bericht für den Workshop)',
};

export type SummaryNextMessageKey = keyof typeof summaryNextDe;

export const summaryNextEn: Record<SummaryNextMessageKey, string> = {
  'afterSummary.done': '**You have answered all questions.** What comes next:',
  'afterSummary.status': '`status` – where you and your colleagues stand',
  'afterSummary.change':
    '`change` – change an answer (a list of the questions to pick from; directly e.g. `change MS-03`, another field with `field IO`)',
  'afterSummary.result': '`result` – see the result again',
  'afterSummary.leadNote': "Your municipality's lead prepares the result of all answers and the workshop.",
  'afterSummary.workshopTitle': '**For the workshop** (municipal lead):',
  'afterSummary.export':
    '`export {municipality} pdf` – the report for the workshop: result per field, diverging assessments, knowledge gaps and recommendations (also `csv` and `json` with all answers)',
  'afterSummary.exportElsewhere':
    'Download the report for the workshop (PDF) in the dashboard or in the Teams chat with the bot: `export {municipality} pdf`',
  'afterSummary.blankForms': 'Blank questionnaires to fill in at the workshop: {links}',
  'afterSummary.close':
    '`complete round` – close the round once everyone has answered; after that `start` begins a new round',
  'afterSummary.buttonStatus': 'Status',
  'afterSummary.buttonChange': 'Change answer',
  'afterSummary.buttonResult': 'Result',
  'afterSummary.buttonExport': 'Export {municipality} PDF',
  'afterSummary.buttonClose': 'Complete round',
  'afterSummary.divergenceLine': '{id} – {question}: from “{highest}” to “{lowest}”',
  'afterSummary.divergencesMore': '… and {count} more (all in the report for the workshop)',
};

/**
 * The staff's texts of the self-check conversation, German and English. Each key exists in both languages
 * (the type enforces it); read them through `staffText` (src/i18n/staff.ts), which fills `{name}`.
 */
export const selfCheckDe = {
  'welcome.personal':
    'Hallo! Ich bin der Weltoffen-Bot. Ich begleite Sie durch den Selbstcheck „Weltoffene Kommune“: Fragen zu sieben Handlungsfeldern, die Sie in Ihrem Tempo beantworten, unterbrechen und später fortsetzen können. Am Ende erhalten Sie für jedes Feld eine Einschätzung mit Vorschlägen. Schreiben Sie „hilfe“, um zu sehen, was ich kann.',
  'welcome.channel':
    'Hallo zusammen! Ich bin der Weltoffen-Bot. In diesem Kanal kann ich Zusammenfassungen des Selbstchecks „Weltoffene Kommune“ posten. Schreiben Sie „@Weltoffen-Bot hilfe“, um zu sehen, was ich kann.',
  'welcome.webchat':
    'Willkommen! Ich beantworte Fragen zum Modellprojekt „Weltoffene Kommune“: Schreiben Sie Ihre Frage oder wählen Sie eine der Fragen unten. Mitarbeiter*innen teilnehmender Kommunen begleite ich durch den Selbstcheck: Schreiben Sie „start“ oder „hilfe“.',
  'unknown.text': 'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, um zu sehen, was ich kann.',
  'faq.staffHint':
    'Für Mitarbeiter*innen teilnehmender Kommunen: „start“ beginnt den Selbstcheck, „hilfe“ zeigt, was ich sonst kann.',
  'language.switched': 'Alles klar, ich schreibe ab jetzt auf Deutsch.',
  'error.generic': 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  'error.busy': 'Ich bearbeite gerade noch Ihre vorige Nachricht. Bitte senden Sie diese noch einmal.',
  'error.storage':
    'Entschuldigung, ich konnte Ihre Eingabe gerade nicht speichern. Bitte senden Sie sie in einem Moment noch einmal.',
  'input.unsupported': 'Diese Art von Nachricht kann ich leider nicht verarbeiten. Schreiben Sie mir bitte als Text.',
  'help.selfcheck':
    'Das können Sie mir schreiben:\n\n- **hilfe**: diese Übersicht\n- **start**: Selbstcheck beginnen oder fortsetzen\n- **1**–**5** oder die Antwort in Worten, z. B. „teilweise“, „in Planung“, „nein, gibt es nicht“\n- **was bedeutet geplant?** oder **was ist mit … gemeint?**: Erklärung zur Skala oder zur Frage\n- **zurück**, **überspringen**, **pause**\n- **status**: Ihr Fortschritt je Handlungsfeld\n- **ändern MS-03**: eine Antwort ändern (**ändern** allein: aus den beantworteten Fragen wählen)\n- **neu beginnen**: eigene Antworten löschen und von vorn beginnen (mit Rückfrage)\n- **feld IO**: zu einem Handlungsfeld wechseln\n- **formular** (oder **formular FZ**): alle Fragen eines Feldes auf einer Karte; **einzeln**: wieder Frage für Frage\n- **ergebnis**: Ihre Einschätzung; die Gesamtauswertung Ihrer Kommune sieht die Kommunalleitung\n- **abschließen**: die Runde Ihrer Kommune abschließen (Kommunalleitung)\n- **code WK-…**: Einladungscode Ihrer Kommune eingeben (oder einfach einfügen)\n- **fortsetzungscode**: im Web-Chat ein neuer Code, um auf einem anderen Gerät weiterzumachen\n- **sprache englisch** / **sprache deutsch**: Sprache wechseln\n- **meine daten**: alles, was über Sie gespeichert ist, als Datei\n- **daten löschen**: alles über Sie löschen (mit Rückfrage; auch **einwilligung widerrufen**)',
  'onboarding.intro':
    'Der Selbstcheck „Weltoffene Kommune“ fragt in sieben Handlungsfeldern, wie weit Ihre Verwaltung auf dem Weg zu einer weltoffenen Kommune ist. Sie beantworten die Fragen in Ihrem Tempo, können jederzeit pausieren und später, auch in einem anderen Kanal, weitermachen. Nach jedem Feld erhalten Sie eine Einschätzung mit Vorschlägen, am Ende eine Auswertung für Ihre Kommune.',
  'onboarding.privacy':
    'Datenschutz: Ich speichere Ihre Antworten mit Ihren Kommentaren, Ihre Kommune, Ihre Funktion, den Zeitpunkt Ihrer Einwilligung und eine technische Kennung, um den Selbstcheck fortsetzen und für Ihre Kommune auswerten zu können. Kolleg*innen Ihrer Kommune sehen die zusammengefasste Auswertung, nicht Ihre einzelnen Antworten mit Namen.',
  'onboarding.consentPrompt': 'Sind Sie damit einverstanden?',
  'onboarding.consentYes': 'Ja, einverstanden',
  'onboarding.consentNo': 'Nein',
  'onboarding.declined':
    'Schade. Ohne Ihr Einverständnis speichere ich nichts. Schreiben Sie „start“, wenn Sie es sich anders überlegen.',
  'onboarding.municipalityPrompt': 'Für welche Kommune antworten Sie? Wählen Sie aus oder schreiben Sie den Namen.',
  'onboarding.rolePrompt': 'Welche Funktion haben Sie?',
  'onboarding.retry': 'Bitte wählen Sie eine der Möglichkeiten.',
  'onboarding.done': 'Danke! Sie antworten für **{municipality}** als {role}. Los geht’s.',
  'question.progress': 'Frage {n} von ca. {total}',
  'question.answerLabel': 'Ihre Antwort',
  'question.answerRequired': 'Bitte wählen Sie eine Antwort.',
  'question.commentLabel': 'Kommentar oder Beleg (optional)',
  'question.commentPlaceholder': 'z. B. Link zum Ratsbeschluss',
  'question.help': 'Erläuterung',
  'question.actionAnswer': 'Antworten',
  'question.actionBack': 'Zurück',
  'question.actionSkip': 'Überspringen',
  'question.actionPause': 'Pause',
  'question.typedHint': 'Sie können auch 1–5 tippen.',
  'question.answered': 'Ihre Antwort: {answer}',
  'question.notUnderstood':
    'Das konnte ich keiner Antwort zuordnen. Bitte wählen Sie 1–5 oder schreiben Sie „überspringen“.',
  'question.stale':
    'Diese Frage ist nicht mehr aktuell; Ihre gespeicherten Antworten bleiben unverändert. Hier geht es weiter:',
  'question.invalid': 'Diese Eingabe konnte ich nicht verwenden; es wurde nichts geändert.',
  'question.unknownQuestion': 'Eine Frage „{id}“ gibt es im Selbstcheck nicht.',
  'question.notApplicable': 'Diese Frage stellt sich nach Ihren bisherigen Antworten nicht.',
  'question.atStart': 'Das ist bereits die erste Frage.',
  'question.skipped': 'Übersprungen. Sie können die Frage später mit „ändern {id}“ beantworten.',
  'round.completed':
    'Die Runde {round} des Selbstchecks ist abgeschlossen. Mit „start“ beginnt später eine neue Runde.',
  'round.notAllowed':
    'Die Runde schließt die Kommunalleitung ab. Bitten Sie sie darum – oder lassen Sie sich die Rolle von der Projektkoordination geben.',
  'round.closed':
    'Diese Runde wurde inzwischen abgeschlossen; Ihre Antwort wurde nicht gespeichert. Schreiben Sie „start“, um in der neuen Runde weiterzumachen.',
  'selfcheck.personalOnly':
    'Den Selbstcheck beantworten Sie bitte im persönlichen Chat mit mir: In einem Kanal oder Gruppenchat würden sich die Antworten mehrerer Personen vermischen.',
  'selfcheck.paused':
    'Pausiert. Ihre Antworten sind gespeichert. Schreiben Sie „weiter“, wenn Sie fortfahren möchten, auch in Teams oder im Web-Chat.',
  'selfcheck.resumed': 'Willkommen zurück! Sie machen bei Frage {n} weiter.',
  'selfcheck.complete': 'Sie haben alle Fragen beantwortet. Vielen Dank!',
  'selfcheck.notStarted': 'Sie haben den Selbstcheck noch nicht begonnen. Schreiben Sie „start“.',
  'status.title': 'Ihr Fortschritt:',
  'status.line': '- {field}: {answered} von {applicable}',
  'field.unknown': 'Dieses Handlungsfeld kenne ich nicht. Gültig sind: {ids}.',
  'form.title': '{field}: alle Fragen',
  'startOver.confirm':
    'Wirklich neu beginnen? Ihre {count} Antworten dieser Runde werden gelöscht (die Ihrer Kolleg*innen bleiben). Schreiben Sie „ja“ zum Löschen oder „nein“. (Alles über Sie löschen, auch Ihre Einwilligung: „daten löschen“.)',
  'startOver.done': '{count} Antworten gelöscht. Wir beginnen von vorn.',
  'startOver.kept': 'Nichts gelöscht; Ihre Antworten bleiben. Hier geht es weiter:',
  'status.colleagues': 'Kolleg*innen Ihrer Kommune in dieser Runde:',
  'status.colleague': '- {role}: {fields}',
  'status.noColleagues': 'Noch hat niemand sonst aus Ihrer Kommune geantwortet.',
  'change.listTitle': 'Welche Antwort in „{field}“ möchten Sie ändern?',
  'change.pick': 'Ändern',
  'change.nothing':
    'In diesem Handlungsfeld haben Sie noch nichts beantwortet. Ändern Sie eine Antwort mit „ändern MS-03“.',
  'form.progress': '{answered} von {total} beantwortet',
  'form.intro':
    'Wählen Sie bei den Fragen, die Sie beantworten können, eine Antwort und speichern Sie. Leer gelassene Fragen bleiben offen.',
  'form.save': 'Antworten speichern',
  'form.single': 'Frage für Frage',
  'form.saved': '{count} Antworten gespeichert.',
  'form.nothingChosen': 'Sie haben keine Antwort ausgewählt; es wurde nichts gespeichert.',
  'form.followUps': 'Durch Ihre Antworten sind weitere Fragen hinzugekommen:',
  'form.textHint': 'Im Textmodus beantworten Sie die Fragen nacheinander: schreiben Sie „weiter“.',
  'form.single.confirm': 'Gut, ab jetzt wieder Frage für Frage.',
  'summary.fieldTitle': 'Auswertung: {field}',
  'summary.score': 'Punkte',
  'summary.level': 'Stufe',
  'summary.light': 'Ampel',
  'summary.noScore': 'noch keine Bewertung',
  'summary.gaps': 'Wissenslücken („weiß nicht“)',
  'summary.none': 'keine',
  'summary.suggestions': 'Vorschläge',
  'summary.continue': 'Weiter',
  'summary.overall': 'Gesamtauswertung',
  'summary.overallTitle': 'Gesamtauswertung {municipality}',
  'summary.respondents': 'Antwortende: {count}',
  'summary.ownTitle': 'Ihre eigene Einschätzung – {municipality}',
  'summary.ownNote':
    'Nur Ihre eigenen Antworten. Die zusammengeführte Auswertung aller Antwortenden sieht die Kommunalleitung.',
  'summary.overallLevel': 'Gesamt: {score} Punkte, Stufe {level}',
  'summary.divergences': 'Unterschiedliche Einschätzungen (für den Workshop)',
  'summary.nextSteps': 'Nächste Schritte',
} as const;

type MessageKey = keyof typeof selfCheckDe;

export const selfCheckEn: Record<MessageKey, string> = {
  'welcome.personal':
    'Hello! I am Weltoffen-Bot. I guide you through the self-check “Weltoffene Kommune” (welcoming municipality): questions in seven fields of action that you answer at your own pace, pause and resume later. At the end you get an assessment with suggestions for each field. Type “help” to see what I can do.',
  'welcome.channel':
    'Hello everyone! I am Weltoffen-Bot. In this channel I can post summaries of the “Weltoffene Kommune” self-check. Type “@Weltoffen-Bot help” to see what I can do.',
  'welcome.webchat':
    'Welcome! I answer questions about the model project “Weltoffene Kommune” (welcoming municipality): type your question or choose one of the questions below. Staff of participating municipalities: type “start” or “help” for the self-check.',
  'unknown.text': 'Sorry, I did not understand that. Type “help” to see what I can do.',
  'faq.staffHint':
    'Staff of participating municipalities: “start” begins the self-check, “help” shows what else I can do.',
  'language.switched': "All right, I'll write in English from now on.",
  'error.generic': 'Sorry, something went wrong on my side. Please try again in a moment.',
  'error.busy': 'I am still working on your previous message. Please send this one again.',
  'error.storage': 'Sorry, I could not save your answer just now. Please send it again in a moment.',
  'input.unsupported': 'Sorry, I cannot handle this kind of message. Please write to me as text.',
  'help.selfcheck':
    'You can write:\n\n- **help**: this overview\n- **start**: begin or continue the self-check\n- **1**–**5** or the answer in words, e.g. "partly", "planned", "no, we don’t"\n- **what does planned mean?** or **what is meant by …?**: an explanation of the scale or the question\n- **back**, **skip**, **pause**\n- **status**: your progress per field\n- **change MS-03**: change an answer (**change** alone: pick from the answered questions)\n- **start over**: delete your answers and begin again (asks first)\n- **field IO**: switch to a field of action\n- **form** (or **form FZ**): all questions of a field on one card; **one by one**: back to one question at a time\n- **result**: your assessment; your municipality’s lead sees the overall result\n- **complete round**: close your municipality’s round (municipal lead)\n- **code WK-…**: enter your municipality’s invitation code (or just paste it)\n- **resume code**: in the web chat, a new code to continue on another device\n- **language german** / **language english**: switch language\n- **my data**: everything stored about you, as a file\n- **delete my data**: erase everything about you (asks first; also **withdraw consent**)',
  'onboarding.intro':
    'The self-check “Weltoffene Kommune” asks in seven fields of action how far your administration has come on the way to a welcoming municipality. You answer at your own pace, can pause at any time and continue later, also in another channel. After each field you get an assessment with suggestions, and at the end a result for your municipality.',
  'onboarding.privacy':
    'Privacy: I store your answers with your comments, your municipality, your role, when you consented and a technical identifier so that you can continue the self-check and your municipality can be evaluated. Colleagues of your municipality see the consolidated result, not your individual answers by name.',
  'onboarding.consentPrompt': 'Do you agree?',
  'onboarding.consentYes': 'Yes, I agree',
  'onboarding.consentNo': 'No',
  'onboarding.declined': 'Pity. Without your consent I store nothing. Type “start” if you change your mind.',
  'onboarding.municipalityPrompt': 'Which municipality are you answering for? Choose or type its name.',
  'onboarding.rolePrompt': 'What is your role?',
  'onboarding.retry': 'Please choose one of the options.',
  'onboarding.done': 'Thank you! You are answering for **{municipality}** as {role}. Let’s start.',
  'question.progress': 'Question {n} of about {total}',
  'question.answerLabel': 'Your answer',
  'question.answerRequired': 'Please choose an answer.',
  'question.commentLabel': 'Comment or evidence (optional)',
  'question.commentPlaceholder': 'e.g. link to the council decision',
  'question.help': 'Explanation',
  'question.actionAnswer': 'Answer',
  'question.actionBack': 'Back',
  'question.actionSkip': 'Skip',
  'question.actionPause': 'Pause',
  'question.typedHint': 'You can also type 1–5.',
  'question.answered': 'Your answer: {answer}',
  'question.notUnderstood': 'I could not match that to an answer. Please choose 1–5 or type “skip”.',
  'question.stale': 'This question is no longer current; your stored answers are unchanged. Here is where we are:',
  'question.invalid': 'I could not use this input; nothing was changed.',
  'question.unknownQuestion': 'There is no question “{id}” in the self-check.',
  'question.notApplicable': 'Given your earlier answers, this question does not apply.',
  'question.atStart': 'This is already the first question.',
  'question.skipped': 'Skipped. You can answer it later with “change {id}”.',
  'round.completed': 'Round {round} of the self-check is complete. Type “start” later to begin a new round.',
  'round.notAllowed':
    'The round is closed by the municipal lead. Ask them to close it – or ask the project coordinators for the role.',
  'round.closed':
    'This round has been closed in the meantime; your answer was not stored. Type “start” to continue in the new round.',
  'selfcheck.personalOnly':
    'Please answer the self-check in a personal chat with me: in a channel or group chat the answers of several people would get mixed up.',
  'selfcheck.paused':
    'Paused. Your answers are saved. Type “continue” whenever you want to go on, in Teams or in web chat.',
  'selfcheck.resumed': 'Welcome back! You continue at question {n}.',
  'selfcheck.complete': 'You have answered all questions. Thank you!',
  'selfcheck.notStarted': 'You have not started the self-check yet. Type “start”.',
  'status.title': 'Your progress:',
  'status.line': '- {field}: {answered} of {applicable}',
  'field.unknown': 'I do not know this field of action. Valid are: {ids}.',
  'form.title': '{field}: all questions',
  'startOver.confirm':
    'Really start over? Your {count} answers of this round will be deleted (your colleagues’ stay). Write “yes” to delete or “no”. (To erase everything about you, your consent included: “delete my data”.)',
  'startOver.done': '{count} answers deleted. Let’s begin again.',
  'startOver.kept': 'Nothing deleted; your answers stay. Here is where we are:',
  'status.colleagues': 'Colleagues of your municipality in this round:',
  'status.colleague': '- {role}: {fields}',
  'status.noColleagues': 'Nobody else from your municipality has answered yet.',
  'change.listTitle': 'Which answer in “{field}” would you like to change?',
  'change.pick': 'Change',
  'change.nothing': 'You have not answered anything in this field yet. Change an answer with “change MS-03”.',
  'form.progress': '{answered} of {total} answered',
  'form.intro': 'Choose an answer for the questions you can answer and save. Questions left empty stay open.',
  'form.save': 'Save answers',
  'form.single': 'One by one',
  'form.saved': '{count} answers saved.',
  'form.nothingChosen': 'You did not choose any answer; nothing was saved.',
  'form.followUps': 'Your answers opened further questions:',
  'form.textHint': 'In text mode you answer the questions one at a time: write “continue”.',
  'form.single.confirm': 'Fine, one question at a time again.',
  'summary.fieldTitle': 'Result: {field}',
  'summary.score': 'Points',
  'summary.level': 'Level',
  'summary.light': 'Traffic light',
  'summary.noScore': 'no score yet',
  'summary.gaps': 'Knowledge gaps (“don’t know”)',
  'summary.none': 'none',
  'summary.suggestions': 'Suggestions',
  'summary.continue': 'Continue',
  'summary.overall': 'Overall result',
  'summary.overallTitle': 'Overall result {municipality}',
  'summary.respondents': 'Respondents: {count}',
  'summary.ownTitle': 'Your own assessment – {municipality}',
  'summary.ownNote': "Your own answers only. The municipality's lead sees the result of all respondents together.",
  'summary.overallLevel': 'Overall: {score} points, level {level}',
  'summary.divergences': 'Diverging assessments (for the workshop)',
  'summary.nextSteps': 'Next steps',
};

export type { MessageKey };

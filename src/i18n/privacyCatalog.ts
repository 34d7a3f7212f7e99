/** Staff and citizen texts of a person's own data: `meine daten`, `daten löschen`, withdrawing consent. German first; English complete. */
export const privacyDe = {
  'privacy.personalOnly':
    'Ihre eigenen Daten zeige und lösche ich nur im persönlichen Chat mit mir, nicht hier, wo andere mitlesen. Schreiben Sie mir dort „meine daten“ oder „daten löschen“.',
  'privacy.myData.title': 'Ihre gespeicherten Daten',
  'privacy.myData.text':
    'Alles, was über Sie gespeichert ist, als eine JSON-Datei: Ihr Eintrag mit Einwilligung, Kommune und Funktion, jede Antwort mit Verlauf und Kommentaren, Rollen, Gesprächsverweise, offene Zustellungen. Der Link gilt {minutes} Minuten, einmal, und nur für Sie.',
  'privacy.myData.button': 'Daten herunterladen',
  'privacy.erase.nothing':
    'Über Sie ist nichts gespeichert – es gibt nichts zu löschen. (Solange Sie nur Fragen stellen, merkt sich der Bot höchstens kurz den Gesprächsstand.)',
  'privacy.erase.intro':
    'Damit lösche ich alles, was über Sie gespeichert ist: die Verbindung zu Ihrem Konto bzw. diesem Browser, Ihre Einwilligung, Ihre Spracheinstellung, den Gesprächsstand, Erinnerungen, Ihren Fortsetzungscode und offene Download-Links.',
  'privacy.erase.roles': '- Ihre Rollen ({count}) enden.',
  'privacy.erase.open': '- {count} Antworten aus einer noch laufenden Runde werden gelöscht.',
  'privacy.erase.kept':
    '- {count} Antworten aus abgeschlossenen Runden ({rounds}) von {municipality} bleiben erhalten, aber ohne jeden Bezug zu Ihnen: nur mit Kommune und Funktion („{role}“), weil das festgehaltene Ergebnis davon abhängt. Ihre Kommentare dazu werden gelöscht.',
  'privacy.erase.question':
    'Das lässt sich nicht rückgängig machen. Wirklich alles löschen? Schreiben Sie „ja, löschen“ oder „abbrechen“. Die Rückfrage gilt {minutes} Minuten und nur in diesem Chat.',
  'privacy.erase.confirmButton': 'Ja, alles löschen',
  'privacy.erase.cancelButton': 'Abbrechen',
  'privacy.erase.done':
    'Gelöscht. Über Sie ist nichts mehr gespeichert.{kept} Wenn Sie mir wieder schreiben, beginnen wir wie beim ersten Mal.',
  'privacy.erase.doneKept': ' {count} Antworten aus abgeschlossenen Runden bleiben ohne Bezug zu Ihnen erhalten.',
  'privacy.erase.cancelled': 'Nichts gelöscht. Ihre Daten bleiben, wie sie sind.',
  'privacy.erase.stale':
    'Diese Bestätigung gilt nicht (mehr): Sie ist abgelaufen, schon benutzt oder stammt aus einem anderen Chat. Es wurde nichts gelöscht. Schreiben Sie „daten löschen“, um neu zu beginnen.',
  'privacy.withdraw.intro': 'Ihre Einwilligung zu widerrufen heißt: Ich lösche Ihre Daten.',
  'privacy.rateLimited':
    'Das haben Sie in der letzten Stunde schon oft gefragt. Bitte versuchen Sie es in {minutes} Minuten noch einmal.',
};

export const privacyEn: Record<keyof typeof privacyDe, string> = {
  'privacy.personalOnly':
    'I show and erase your own data only in your personal chat with me, not here where others read along. Write “my data” or “delete my data” to me there.',
  'privacy.myData.title': 'Your stored data',
  'privacy.myData.text':
    'Everything stored about you as one JSON file: your record with consent, municipality and function, every answer with its history and comments, roles, conversation references, open deliveries. The link works for {minutes} minutes, once, and only for you.',
  'privacy.myData.button': 'Download data',
  'privacy.erase.nothing':
    'Nothing is stored about you, so there is nothing to delete. (While you only ask questions, the bot keeps at most the state of the conversation for a short time.)',
  'privacy.erase.intro':
    'This deletes everything stored about you: the link to your account or this browser, your consent, your language setting, the conversation state, reminders, your resume code and open download links.',
  'privacy.erase.roles': '- Your roles ({count}) end.',
  'privacy.erase.open': '- {count} answers of a round still open are deleted.',
  'privacy.erase.kept':
    '- {count} answers of completed rounds ({rounds}) of {municipality} stay, but without any link to you: only with the municipality and the function (“{role}”), because the recorded result depends on them. Your comments on them are deleted.',
  'privacy.erase.question':
    'This cannot be undone. Really delete everything? Write “yes, delete” or “cancel”. This question is valid for {minutes} minutes and only in this chat.',
  'privacy.erase.confirmButton': 'Yes, delete everything',
  'privacy.erase.cancelButton': 'Cancel',
  'privacy.erase.done':
    'Deleted. Nothing is stored about you any more.{kept} If you write to me again, we start as if for the first time.',
  'privacy.erase.doneKept': ' {count} answers of completed rounds stay without any link to you.',
  'privacy.erase.cancelled': 'Nothing deleted. Your data stays as it is.',
  'privacy.erase.stale':
    'This confirmation is not valid (any more): it expired, was used already or comes from another chat. Nothing was deleted. Write “delete my data” to start again.',
  'privacy.withdraw.intro': 'Withdrawing your consent means: I delete your data.',
  'privacy.rateLimited': 'You have asked for this often in the last hour. Please try again in {minutes} minutes.',
};

export type PrivacyMessageKey = keyof typeof privacyDe;

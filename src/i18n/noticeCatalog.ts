/**
 * Staff texts: the Art. 13 GDPR information shown with the consent (issue #17). German first; English complete.
 * The operator's details (controller, data protection officer, supervisory authority, links) are configuration;
 * `consentNotice` (src/i18n/privacyNotice.ts) leaves out each sentence whose detail is not configured.
 */
export const noticeDe = {
  'notice.idTeams':
    'In Teams ist die Kennung Ihre Teams-Benutzerkennung mit der Kennung Ihrer Organisation (Mandant); damit Erinnerungen Sie erreichen, speichere ich auch die Adresse dieses Chats. Ihren Anzeigenamen speichere ich nicht.',
  'notice.idWebChat':
    'Im Web-Chat ist die Kennung aus einer Zufallszahl abgeleitet, die Ihr Browser aufbewahrt; von einem Fortsetzungscode speichere ich nur eine Prüfsumme. Ihren Namen speichere ich nicht.',
  'notice.idOther': 'Ihren Namen speichere ich nicht.',
  'notice.ownData':
    'Mit „meine daten“ sehen Sie alles, was über Sie gespeichert ist; mit „daten löschen“ löschen Sie es.',
  'notice.controller': 'Verantwortlich: {controller}',
  'notice.dpo': 'Datenschutzbeauftragte*r: {contact}',
  'notice.complaint': 'Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.',
  'notice.complaintNamed':
    'Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren, zum Beispiel bei: {authority}.',
  'notice.policy': '[Datenschutzerklärung]({url})',
  'notice.imprint': '[Impressum]({url})',
};

export type NoticeMessageKey = keyof typeof noticeDe;

export const noticeEn: Record<NoticeMessageKey, string> = {
  'notice.idTeams':
    'In Teams the identifier is your Teams user id with the id of your organisation (tenant); so that reminders reach you, I also store the address of this chat. I do not store your display name.',
  'notice.idWebChat':
    'In the web chat the identifier is derived from a random number your browser keeps; of a resume code I store only a checksum. I do not store your name.',
  'notice.idOther': 'I do not store your name.',
  'notice.ownData': '“my data” shows you everything stored about you; “delete my data” erases it.',
  'notice.controller': 'Controller: {controller}',
  'notice.dpo': 'Data protection officer: {contact}',
  'notice.complaint': 'You have the right to lodge a complaint with a data protection supervisory authority.',
  'notice.complaintNamed':
    'You have the right to lodge a complaint with a data protection supervisory authority, for example: {authority}.',
  'notice.policy': '[Privacy policy (Datenschutzerklärung)]({url})',
  'notice.imprint': '[Legal notice (Impressum)]({url})',
};

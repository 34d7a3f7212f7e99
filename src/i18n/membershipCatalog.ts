/**
 * Staff texts: joining a municipality — codes typed in chat, onboarding's choice of municipality, the
 * demo, and the lead role needed for results and closing a round. German first; English complete.
 */
export const membershipDe = {
  'membership.whichMunicipality': 'Für welche Kommune antworten Sie?',
  'membership.needCode':
    'Für Ihre Kommune antworten Sie mit einem **Einladungscode** (Form WK‑XXXX‑XXXX‑XXXX) von Ihrer Kommunalleitung oder der Projektkoordination: Fügen Sie ihn einfach hier ein.',
  'membership.chooseShared': 'Ihr Microsoft-Konto gehört zu mehreren teilnehmenden Kommunen. Wählen Sie Ihre aus.',
  'membership.tryDemo': 'Zum Ausprobieren steht die **Musterstadt (Demo)** allen offen.',
  'membership.retry':
    'Bitte wählen Sie eine der Möglichkeiten oder fügen Sie Ihren Einladungscode (WK-…) ein. Ohne Code: „Musterstadt (Demo)“ zum Ausprobieren.',
  'membership.codeNeeded':
    'Um für **{municipality}** zu antworten, brauchen Sie einen Einladungscode. Ihre Kommunalleitung oder die Projektkoordination kann Ihnen einen schicken; fügen Sie ihn dann hier ein.',
  'membership.codeMalformed':
    'Das sieht nicht wie ein vollständiger Code aus. Codes haben die Form WK-XXXX-XXXX-XXXX (Einladung) oder WR-XXXX-XXXX-XXXX (Fortsetzung).',
  'membership.codeInvalid':
    'Dieser Code gilt nicht (mehr): Er ist unbekannt, abgelaufen, widerrufen oder schon verbraucht. Bitte fragen Sie bei Ihrer Kommunalleitung oder der Projektkoordination nach einem neuen.',
  'membership.codeRateLimited':
    'Zu viele ungültige Codes in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten noch einmal.',
  'membership.codePersonalOnly':
    'Codes bitte nur im persönlichen Chat mit mir eingeben – hier im Kanal lesen alle mit. Wer den Code schon gepostet hat, sollte ihn widerrufen lassen.',
  'membership.codeAccepted':
    'Code erkannt: Sie sind zu **{municipality}** eingeladen. Bevor es losgeht, brauche ich noch Ihr Einverständnis.',
  'membership.joined': 'Code angenommen: Sie antworten jetzt für **{municipality}**.',
  'membership.joinedLead':
    'Code angenommen: Sie sind jetzt **Kommunalleitung** von **{municipality}**. Sie sehen die Gesamtauswertung (`ergebnis`), schließen die Runde ab (`abschließen`) und laden Kolleg*innen ein (`einladen {municipality}`).',
  'membership.alreadyMember': 'Sie antworten bereits für **{municipality}**.',
  'membership.resumed': 'Willkommen zurück! Sie setzen Ihren Selbstcheck hier fort.',
  'membership.resumeTeams':
    'In Teams brauchen Sie keinen Fortsetzungscode: Teams erkennt Sie auf jedem Gerät. Schreiben Sie einfach `weiter`.',
  'membership.demoNote':
    'Das ist die **Demo**: Ihre Antworten sieht niemand sonst, sie fließen in keinen Vergleich ein und werden nach einem Tag gelöscht.',
} as const;

export const membershipEn: Record<keyof typeof membershipDe, string> = {
  'membership.whichMunicipality': 'Which municipality are you answering for?',
  'membership.needCode':
    'To answer for your municipality you need an **invitation code** (format WK‑XXXX‑XXXX‑XXXX) from your municipal lead or the project coordinators: just paste it here.',
  'membership.chooseShared': 'Your Microsoft account belongs to several participating municipalities. Choose yours.',
  'membership.tryDemo': 'To try things out, **Musterstadt (Demo)** is open to everyone.',
  'membership.retry':
    'Please choose one of the options or paste your invitation code (WK-…). Without a code: “Musterstadt (Demo)” to try things out.',
  'membership.codeNeeded':
    'To answer for **{municipality}** you need an invitation code. Your municipal lead or the project coordinators can send you one; then paste it here.',
  'membership.codeMalformed':
    'That does not look like a complete code. Codes look like WK-XXXX-XXXX-XXXX (invitation) or WR-XXXX-XXXX-XXXX (resume).',
  'membership.codeInvalid':
    'This code is not valid (any more): it is unknown, expired, revoked or used up. Please ask your municipal lead or the project coordinators for a new one.',
  'membership.codeRateLimited': 'Too many invalid codes in a short time. Please try again in {minutes} minutes.',
  'membership.codePersonalOnly':
    'Please type codes only in your personal chat with me – everyone in this channel can read them. If a code was posted here, have it revoked.',
  'membership.codeAccepted':
    'Code recognised: you are invited to **{municipality}**. Before we start, I need your consent.',
  'membership.joined': 'Code accepted: you are now answering for **{municipality}**.',
  'membership.joinedLead':
    'Code accepted: you are now the **municipal lead** of **{municipality}**. You see the overall result (`result`), close the round (`complete`) and invite colleagues (`invite {municipality}`).',
  'membership.alreadyMember': 'You are already answering for **{municipality}**.',
  'membership.resumed': 'Welcome back! You are continuing your self-check here.',
  'membership.resumeTeams':
    'In Teams you do not need a resume code: Teams recognises you on every device. Just type `continue`.',
  'membership.demoNote':
    'This is the **demo**: nobody else sees your answers, they are never compared and are deleted after one day.',
};

export type MembershipMessageKey = keyof typeof membershipDe;

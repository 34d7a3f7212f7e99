/** Staff texts: Web chat identity: the personal resume code and continuing on another device. German first; English complete. */
export const webIdentityDe = {
  'webIdentity.code':
    // The code on a line of its own: it is not broken at a dash on a phone, and is easy to copy.
    'Ihr persönlicher Fortsetzungscode:\n\n**{code}**\n\n' +
    'Damit setzen Sie den Selbstcheck auf einem anderen Gerät oder in einem anderen Browser fort: schreiben Sie dort im Chat `code {code}`. ' +
    'Auch wenn die Daten dieses Browsers gelöscht werden, kommen Sie so zurück.\n\n' +
    'Behandeln Sie den Code wie ein Passwort: Wer ihn kennt, kann in Ihrem Namen antworten. Geben Sie ihn nicht weiter.',
  'webIdentity.replaced':
    'Ein früher ausgegebener Fortsetzungscode gilt ab jetzt nicht mehr. Geräte, die Sie schon damit verbunden haben, bleiben verbunden.',
  'webIdentity.teams':
    'In Teams brauchen Sie keinen Fortsetzungscode: Teams erkennt Sie auf jedem Gerät an Ihrem Konto. Öffnen Sie auf dem anderen Gerät einfach den Chat mit dem Bot und schreiben Sie „weiter“.',
  'webIdentity.needsConsent':
    'Einen Fortsetzungscode gibt es, sobald Sie beim Selbstcheck dem Datenschutzhinweis zugestimmt haben. Schreiben Sie „start“, um zu beginnen.',
};

export const webIdentityEn: Record<keyof typeof webIdentityDe, string> = {
  'webIdentity.code':
    'Your personal resume code:\n\n**{code}**\n\n' +
    'Use it to continue the self-check on another device or in another browser: type `code {code}` in the chat there. ' +
    'It also brings you back if this browser’s data is cleared.\n\n' +
    'Keep the code private like a password: anyone who knows it can answer in your name. Do not pass it on.',
  'webIdentity.replaced':
    'Any resume code issued earlier no longer works. Devices you have already connected with it stay connected.',
  'webIdentity.teams':
    'In Teams you do not need a resume code: Teams recognises you by your account on every device. Just open the chat with the bot on the other device and type “continue”.',
  'webIdentity.needsConsent':
    'You get a resume code once you have agreed to the privacy notice of the self-check. Type “start” to begin.',
};

export type WebIdentityMessageKey = keyof typeof webIdentityDe;

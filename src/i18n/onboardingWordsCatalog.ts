/**
 * Staff texts: onboarding in one's own words — the global commands before the self-check has begun, the
 * hint with buttons after two misses at a prompt, and a function that fits several roles. German first;
 * English complete.
 */
export const onboardingWordsDe = {
  'onboardingWords.status':
    'Sobald Sie mit dem Selbstcheck begonnen haben, zeigt „status“ Ihren Fortschritt je Handlungsfeld.',
  'onboardingWords.pause':
    '„pause“ unterbricht den Selbstcheck; Ihre Antworten bleiben gespeichert. Noch haben Sie nicht begonnen.',
  'onboardingWords.start': 'Wir sind schon dabei – zuerst noch diese Frage.',
  'onboardingWords.notYet': 'Das geht, sobald Sie mit dem Selbstcheck begonnen haben. Zuerst noch diese Frage.',
  'onboardingWords.hintConsent': 'Tippen Sie „Ja, einverstanden“ oder „Nein“ an – oder schreiben Sie „ja“ oder „nein“.',
  'onboardingWords.hintMunicipality':
    'Tippen Sie eine der Möglichkeiten an oder fügen Sie Ihren Einladungscode (WK-…) ein.',
  'onboardingWords.hintRole':
    'Tippen Sie eine der Möglichkeiten an oder schreiben Sie Ihre Funktion, z. B. „Integrationsbeauftragte“.',
  'onboardingWords.roleAmbiguous': 'Das passt zu mehreren Funktionen: {roles}. Welche trifft auf Sie zu?',
  'onboardingWords.or': 'oder',
};

export const onboardingWordsEn: Record<keyof typeof onboardingWordsDe, string> = {
  'onboardingWords.status': 'Once you have begun the self-check, “status” shows your progress per field of action.',
  'onboardingWords.pause': '“pause” interrupts the self-check; your answers stay stored. You have not begun yet.',
  'onboardingWords.start': 'We are already under way – first this question, please.',
  'onboardingWords.notYet': 'That works once you have begun the self-check. First this question, please.',
  'onboardingWords.hintConsent': 'Tap “Yes, I agree” or “No” – or type “yes” or “no”.',
  'onboardingWords.hintMunicipality': 'Tap one of the options or paste your invitation code (WK-…).',
  'onboardingWords.hintRole': 'Tap one of the options or type your role, e.g. “integration officer”.',
  'onboardingWords.roleAmbiguous': 'That fits several roles: {roles}. Which one is yours?',
  'onboardingWords.or': 'or',
};

export type OnboardingWordsMessageKey = keyof typeof onboardingWordsDe;

/**
 * Recognises typed commands in German and English. Pure: the bot decides what to do with them.
 * Matching is on the whole message (after trimming, case folding and removing a Teams @mention),
 * so free text that merely contains a command word is not mistaken for one.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'language'; locale: 'de' | 'en' };

const HELP = new Set(['hilfe', 'help', '?', 'hilfe bitte', 'was kannst du', 'what can you do']);
const TO_GERMAN = new Set(['deutsch', 'sprache deutsch', 'auf deutsch', 'language german', 'german', 'in german']);
const TO_ENGLISH = new Set(['english', 'englisch', 'sprache englisch', 'auf englisch', 'language english', 'in english']);

export function normaliseInput(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[!.,;:]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function recogniseCommand(text: string): Command | undefined {
  const input = normaliseInput(text);
  if (HELP.has(input)) return { kind: 'help' };
  if (TO_GERMAN.has(input)) return { kind: 'language', locale: 'de' };
  if (TO_ENGLISH.has(input)) return { kind: 'language', locale: 'en' };
  return undefined;
}

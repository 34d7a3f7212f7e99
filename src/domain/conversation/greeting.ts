/**
 * Greetings and "what can I do here?" as a whole message ("Hallo", "Moin", "Hello!", "Hallo, was kann ich
 * hier machen?", "Merhaba"). Pure: the bot decides how to answer. Matching is on the whole message after
 * `normaliseInput`, with sentence punctuation turned into spaces, so a question that merely starts with
 * "Hallo" ("Hallo, wie kann meine Kommune mitmachen?") is left to the FAQ.
 */
import { normaliseInput } from './commands';
import { tooLongForCommand } from './inputBounds';

/** The language a phrase is unmistakably in (web chat languages); absent for "Hi", "Hey", "Servus". */
export type GreetingLanguage = 'de' | 'en' | 'tr' | 'ar' | 'uk';

export interface SmallTalk {
  /** `greeting`: only a hello; `capabilities`: asks what the bot does (with or without a hello). */
  readonly kind: 'greeting' | 'capabilities';
  readonly language?: GreetingLanguage;
}

const GREETINGS: ReadonlyMap<string, GreetingLanguage | undefined> = new Map<string, GreetingLanguage | undefined>([
  ['hallo', 'de'],
  ['hallo zusammen', 'de'],
  ['hallöchen', 'de'],
  ['guten tag', 'de'],
  ['guten morgen', 'de'],
  ['guten abend', 'de'],
  ['moin', 'de'],
  ['moin moin', 'de'],
  ['grüß gott', 'de'],
  ['grüß dich', 'de'],
  ['servus', undefined],
  ['hi', undefined],
  ['hey', undefined],
  ['hello', 'en'],
  ['hello there', 'en'],
  ['good morning', 'en'],
  ['good afternoon', 'en'],
  ['good evening', 'en'],
  ['merhaba', 'tr'],
  ['selam', 'tr'],
  ['iyi günler', 'tr'],
  ['مرحبا', 'ar'],
  ['مرحبًا', 'ar'],
  ['السلام عليكم', 'ar'],
  ['أهلا', 'ar'],
  ['اهلا', 'ar'],
  ['привіт', 'uk'],
  ['вітаю', 'uk'],
  ['добрий день', 'uk'],
]);

/** Who is greeted after the hello ("Hallo Bot", "hi there"); ignored. */
const ADDRESSEES = new Set(['bot', 'weltoffen-bot', 'weltoffen bot', 'there', 'zusammen', 'ihr', 'du']);

const CAPABILITIES: ReadonlyMap<string, GreetingLanguage> = new Map<string, GreetingLanguage>([
  ['was kann ich hier machen', 'de'],
  ['was kann ich hier tun', 'de'],
  ['was kann ich hier', 'de'],
  ['was kann ich machen', 'de'],
  ['was kann ich tun', 'de'],
  ['was kannst du', 'de'],
  ['was kannst du alles', 'de'],
  ['was können sie', 'de'],
  ['was machst du', 'de'],
  ['wer bist du', 'de'],
  ['was ist das hier', 'de'],
  ['wofür bist du da', 'de'],
  ['what can i do here', 'en'],
  ['what can i do', 'en'],
  ['what can you do', 'en'],
  ['what do you do', 'en'],
  ['who are you', 'en'],
  ['what is this', 'en'],
  ['ne yapabilirim', 'tr'],
  ['burada ne yapabilirim', 'tr'],
  ['ماذا يمكنني أن أفعل هنا', 'ar'],
  ['ماذا يمكنني ان افعل هنا', 'ar'],
  ['що я можу тут зробити', 'uk'],
  ['що ти вмієш', 'uk'],
]);

/** Sentence punctuation of the six web chat languages (Arabic comma and question mark included). */
const PUNCTUATION = /[!?.,;:¡¿،؟…]/gu;

export function recogniseSmallTalk(text: string): SmallTalk | undefined {
  if (tooLongForCommand(text)) return undefined;
  const input = normaliseInput(text).replace(PUNCTUATION, ' ').replace(/\s+/g, ' ').trim();
  if (input === '') return undefined;
  const alone = CAPABILITIES.get(input);
  if (alone !== undefined) return { kind: 'capabilities', language: alone };
  const hello = greetingAtStart(input);
  if (hello === undefined) return undefined;
  const rest = input.slice(hello.length).trim();
  const language = GREETINGS.get(hello);
  if (rest === '' || ADDRESSEES.has(rest))
    return language === undefined ? { kind: 'greeting' } : { kind: 'greeting', language };
  const asked = CAPABILITIES.get(rest);
  if (asked === undefined) return undefined;
  return { kind: 'capabilities', language: asked };
}

/** The longest greeting the message starts with, as a whole word or words. */
function greetingAtStart(input: string): string | undefined {
  let best: string | undefined;
  for (const greeting of GREETINGS.keys()) {
    if (input !== greeting && !input.startsWith(`${greeting} `)) continue;
    if (best === undefined || greeting.length > best.length) best = greeting;
  }
  return best;
}

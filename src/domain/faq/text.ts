import { newStemmer, type Stemmer } from 'snowball-stemmers';

/** Languages of indexed text / stemmer choice. 'de-LS' text is German. */
export type TextLang = 'de' | 'en' | 'tr' | 'ar' | 'uk';

/**
 * Stop words: function words and question words in all supported languages.
 * They are removed from both indexed text and queries, so that only content
 * words decide a match ("What is the capital of France?" must not match
 * "What is Weltoffene Kommune?" through "what is").
 * One union list is used for every language, so indexing and querying agree
 * even when the query language is guessed wrong.
 */
const STOP_WORDS_BY_LANG: Record<TextLang, string> = {
  de: `der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei bin bis bist
    da dabei damit dann dass dem denn dich dir doch du er es etwa etwas euch euer für ganz ganze ganzen gibt gib hat habe
    haben hast hier ich ihr ihre ihnen im in ist ja jetzt kann kannst können könnte kurz man mal mich mir mit muss müssen
    nach nicht noch nur ob oder schon sehr sein seine sich sie sind so soll sollen über um uns unser unsere unter viel
    vom von vor war waren was weil welche welcher welches welchen wem wen wenn wer werden wird wie wieso wo woher wohin
    warum wann zu zum zur eigentlich überhaupt bitte denn genau gerne hallo hi gut mehr einmal meine meiner meinen mein
    sagen sag erkläre erklär erklären mache machen macht gemacht tun geht gehen es ab
    passiert passieren geschieht dies diese dieser dieses diesem diesen alle allem alles eigentlich`,
  en: `a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my
    of on or our please so than that the their them then there these they this those to us was we were what when where
    which who whom whose why will with would you your yours about tell explain hi hello any some just really dont doesnt
    isnt get got much many thing things come comes go goes make makes happen happens happened
    all this these something anything`,
  tr: `bir bu şu o ve veya ile için mi mı mu mü ne nedir nasıl kim kime neden niçin hangi kaç da de ki ama gibi var yok
    ben sen biz siz onlar benim bana bize lütfen merhaba çok daha`,
  ar: `ما ماذا من في على إلى الى عن مع هل كيف لماذا متى أين اين هو هي هذا هذه ذلك تلك أن ان أو او و ثم كم يمكن يمكنني لي
    لنا أنا نحن انت أنت`,
  uk: `і й та а але або в у на з із до від для про по що хто як коли де чому який яка яке які це цей ця ці чи не так
    мені мене ми ви ти він вона вони його її їх є можна будь ласка привіт скільки`,
};

export const STOP_WORDS: ReadonlySet<string> = new Set(
  Object.values(STOP_WORDS_BY_LANG)
    .join(' ')
    .split(/\s+/)
    .map((w) => normalizeToken(w))
    .filter((w) => w.length > 0),
);

const stemmers: Partial<Record<TextLang, Stemmer>> = {};
const SNOWBALL_NAME: Record<TextLang, string> = {
  de: 'german',
  en: 'english',
  tr: 'turkish',
  ar: 'arabic',
  // Snowball has no Ukrainian stemmer; the Russian one strips many shared
  // Cyrillic endings. Applied to index and query alike, so it stays consistent.
  uk: 'russian',
};

function stemmer(lang: TextLang): Stemmer {
  let s = stemmers[lang];
  if (!s) {
    s = newStemmer(SNOWBALL_NAME[lang]);
    stemmers[lang] = s;
  }
  return s;
}

/** Lower-case, unify apostrophes, drop Arabic diacritics/tatweel and the Turkish combining dot. */
export function normalizeToken(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/['’ʼ`´]/g, '');
}

/**
 * Splits text into normalised word tokens. Hyphenated compounds yield their parts
 * and the joined word ("Selbst-Check" → selbst, check, selbstcheck).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const chunks = normalizeToken(text).split(/[^\p{L}\p{N}-]+/u);
  for (const chunk of chunks) {
    if (!chunk) continue;
    const parts = chunk.split('-').filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    out.push(...parts);
    if (parts.length > 1) out.push(parts.join(''));
  }
  return out;
}

/** Tokens without stop words and without 1-letter noise. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((t) => t.length > 1 && !STOP_WORDS.has(t));
}

const stemCache = new Map<string, string>();

/** Stems one normalised token with the stemmer for `lang`. */
export function stem(token: string, lang: TextLang): string {
  const key = `${lang}\u0000${token}`;
  const hit = stemCache.get(key);
  if (hit !== undefined) return hit;
  const s = stemmer(lang).stem(token) || token;
  // Only word-sized tokens are kept: user text must not fill the cache with long strings.
  if (stemCache.size < 50_000 && token.length <= 40) stemCache.set(key, s);
  return s;
}

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Which stemmers to try for a query token: by script, then German + English (+ Turkish). */
export function candidateLangs(token: string, preferred?: TextLang): TextLang[] {
  if (ARABIC.test(token)) return ['ar'];
  if (CYRILLIC.test(token)) return ['uk'];
  const langs: TextLang[] = ['de', 'en'];
  if (preferred === 'tr' || /[ğışç]/.test(token)) langs.push('tr');
  return langs;
}

/** Index-side analysis: tokens of a text of known language → stemmed terms. */
export function analyse(text: string, lang: TextLang): string[] {
  return contentTokens(text).map((t) => stem(t, lang));
}

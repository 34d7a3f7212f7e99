/** Languages of the bot's own texts. German first; English complete. */
export type UiLocale = 'de' | 'en';
export const UI_LOCALES: readonly UiLocale[] = ['de', 'en'];

/** Maps a channel locale (e.g. "en-US", "de-DE", undefined) to a UI locale; German is the default. */
export function uiLocaleOf(channelLocale: string | undefined | null): UiLocale {
  return channelLocale && /^en\b/i.test(channelLocale) ? 'en' : 'de';
}

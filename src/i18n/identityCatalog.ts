/** Staff texts: Web chat identity: the personal resume code and continuing on another device. German first; English complete. */
export const webIdentityDe = {
  'webIdentity.placeholder': '–',
};

export const webIdentityEn: Record<keyof typeof webIdentityDe, string> = {
  'webIdentity.placeholder': '–',
};

export type WebIdentityMessageKey = keyof typeof webIdentityDe;

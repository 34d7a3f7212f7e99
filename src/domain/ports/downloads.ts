/**
 * Opaque download links (issue #16): the URL a person gets carries only a random token, after '#'; what the
 * token opens, for whom, until when and how often lives in the store. The store keeps only a hash of the
 * token, so a copy of the table opens nothing. Generic on purpose: workshop exports today, a person's own
 * "my data" download later, through the same store and the same download page.
 */

export const DOWNLOAD_PURPOSES = ['export', 'my_data'] as const;
export type DownloadPurpose = (typeof DOWNLOAD_PURPOSES)[number];

/**
 * 32 random bytes as base64url without padding: 43 characters, 256 bits. Checked before any database work,
 * so a malformed token costs nothing; the shape alone says nothing about whether a link exists.
 */
export const DOWNLOAD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isDownloadToken(value: unknown): value is string {
  return typeof value === 'string' && DOWNLOAD_TOKEN_PATTERN.test(value);
}

/** What a link opens; `issuer` is the identity key whose access is checked again at download time. */
export interface DownloadLinkGrant {
  readonly purpose: DownloadPurpose;
  readonly issuer: string;
  readonly municipalityId: string | null;
  /** pdf | csv | json (the store does not interpret it). */
  readonly format: string;
  readonly locale: string;
  readonly expiresAt: Date;
  /** How many downloads the link allows; 1 unless said otherwise. */
  readonly maxUses?: number;
}

export interface RedeemedLink {
  readonly purpose: DownloadPurpose;
  readonly issuer: string;
  readonly municipalityId: string | null;
  readonly format: string;
  readonly locale: string;
  readonly expiresAt: Date;
  /** Uses including this one. */
  readonly uses: number;
  readonly maxUses: number;
}

/**
 * `unknown` covers every token the store has no row for — never issued, forged, or swept after expiry — so the
 * caller cannot tell those apart, and neither can whoever tries tokens.
 */
export type RedeemResult =
  | { readonly kind: 'ok'; readonly link: RedeemedLink }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'used' };

export interface DownloadLinkStore {
  /**
   * Stores a new link and returns its token — the only time the token exists outside the person's browser.
   * Also removes links that expired before `sweepBefore`, so the table stays small without a job.
   */
  issue(grant: DownloadLinkGrant, sweepBefore: Date): Promise<{ readonly token: string }>;
  /**
   * Counts one use, atomically: two redeems of a single-use link at the same instant give one `ok` and one
   * `used`, also across instances.
   */
  redeem(token: string, now: Date): Promise<RedeemResult>;
  /** Deletes links that expired before the instant; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}

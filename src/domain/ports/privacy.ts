/**
 * A person's own data (issue #17): what is stored about them, as one document, and its erasure. Callers pass
 * what the turn can vouch for — the identity key, and the channel's ids of the person and the conversation
 * the turn came from; the store finds every other trace from there (personal conversations, linked web chat
 * browsers, bot state naming the respondent).
 */

export interface PersonRef {
  /** The identity the turn acts as (src/bot/turnIdentity.ts): `aad:<tenant>:<oid>`, `<channel>:<userId>`. */
  readonly identityKey: string;
  /** Channel user ids the turn knows for this person (Teams `29:…`, the web chat user id). */
  readonly channelUserIds: readonly string[];
  /** Bot state keys of the conversations the turn knows (`<channel>/conversations/<id>`). */
  readonly conversationKeys: readonly string[];
}

/** What an erasure will do, told to the person before they confirm. */
export interface ErasurePreview {
  /** Whether anything at all is stored (a respondent row, roles, references, state). */
  readonly anything: boolean;
  readonly municipalityName: string | null;
  /** The function chosen in onboarding (`RespondentRole`), kept with de-identified answers. */
  readonly role: string | null;
  /** Answers in rounds still open: removed. */
  readonly openAnswers: number;
  /** Answers in completed rounds: kept, de-identified, with municipality and function. */
  readonly keptAnswers: number;
  /** Round numbers of the completed rounds those answers belong to. */
  readonly keptRounds: readonly number[];
  /** Role grants (lead, coordinator) that end with the erasure. */
  readonly roles: number;
}

export interface ErasureReport {
  /** False when nothing was stored (a second erasure): nothing changed. */
  readonly erased: boolean;
  readonly removedAnswers: number;
  readonly keptAnswers: number;
  /** Rows deleted or rewritten per table, for the audit detail and the tests (no ids in it). */
  readonly tables: Readonly<Record<string, number>>;
}

/** Everything stored about one person: a JSON-serialisable document, sections per topic. */
export type PersonalDataDocument = Readonly<Record<string, unknown>>;

export interface PersonalDataStore {
  preview(person: PersonRef): Promise<ErasurePreview>;
  collect(person: PersonRef, now: Date): Promise<PersonalDataDocument>;
  /**
   * Erases the person in one transaction: ids, references, state, roles, resume code, open deliveries, open
   * answers; answers of completed rounds stay on a fresh respondent row that links to nobody.
   */
  erase(person: PersonRef, reason?: ErasureReason): Promise<ErasureReport>;
}

/** Who asked: the person (recorded as acting themselves) or the retention job (recorded as the system). */
export type ErasureReason = 'request' | 'retention';

/** Erases a person by identity key alone (the retention job): the store derives the rest. */
export type PersonEraser = (identityKey: string) => Promise<ErasureReport>;

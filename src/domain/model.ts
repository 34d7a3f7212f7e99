/**
 * The self-check's entities as plain data: what the ports store and return and what several topics share.
 * A record that only one port returns (a delivery, a stalled respondent, a dashboard round) lives beside
 * that port in ports/; nothing here knows about Prisma or botbuilder.
 */
import type { AnswerMap, Locale, Role, StoredAnswer } from './selbstcheck';

/** The four kinds of German local authority (Gemeinde, kreisangehörige Stadt, kreisfreie Stadt, Landkreis). */
export type MunicipalityKind = 'gemeinde' | 'kreisangehoerige_stadt' | 'kreisfreie_stadt' | 'landkreis';
export const MUNICIPALITY_KINDS: readonly MunicipalityKind[] = [
  'gemeinde',
  'kreisangehoerige_stadt',
  'kreisfreie_stadt',
  'landkreis',
];

export interface Municipality {
  readonly id: string;
  readonly name: string;
  readonly kind: MunicipalityKind;
  /** Bundesland. */
  readonly state: string;
  /** Amtlicher Gemeindeschlüssel (8 digits) or Kreisschlüssel (5 digits); null when not recorded. */
  readonly officialKey: string | null;
  /** Archived: keeps its data, takes no new members; listed only for coordinators. */
  readonly archived: boolean;
  /** The demo municipality: open to everyone, a private sandbox round per visitor, never compared or exported. */
  readonly demo: boolean;
}

/** How a person's membership of a municipality was verified. */
export type MembershipSource = 'tenant' | 'invitation' | 'legacy' | 'demo';

/**
 * A person answering the self-check.
 * @remarks `identityKey` is channel independent where the channel allows it (Teams: AAD object id + tenant),
 * so the same person continues in another Teams client; other channels fall back to `channelId:userId`.
 */
export interface Respondent {
  readonly id: string;
  readonly identityKey: string;
  readonly municipalityId: string | null;
  readonly role: Role | null;
  readonly locale: Locale | null;
  readonly consentedAt: Date | null;
  /** How the membership of `municipalityId` was verified; null when the person belongs to no municipality. */
  readonly membership: MembershipSource | null;
  /** Pseudonymous number within the municipality ("Befragte 3"); null when not a member. */
  readonly memberNo: number | null;
}

/** Membership is changed only through the membership port (it numbers members); see ports/membership.ts. */
export type RespondentPatch = Partial<Pick<Respondent, 'role' | 'locale' | 'consentedAt'>>;

export type AssessmentStatus = 'in_progress' | 'completed';

/** One round of a municipality's self-check; the questionnaire version is pinned when the round starts. */
export interface Assessment {
  readonly id: string;
  readonly municipalityId: string;
  readonly questionnaireVersion: number;
  readonly round: number;
  readonly status: AssessmentStatus;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
  /** Demo municipality only: the respondent whose private sandbox round this is; null for real rounds. */
  readonly sandboxOf: string | null;
}

/** Field completion decided by the service, passed to the answer write so the event is stored with it. */
export interface FieldCompletion {
  readonly fieldId: string;
  /** How many fields make an assessment complete (seven). */
  readonly totalFields: number;
}

export interface AnswerWrite {
  readonly assessmentId: string;
  readonly respondentId: string;
  readonly questionId: string;
  readonly value: StoredAnswer;
  /** Null keeps an existing comment: answering again without a comment must not erase the evidence. */
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
  /** Set when this answer completes a field for the respondent: the outbox event is written with the answer. */
  readonly completion?: FieldCompletion;
}

/**
 * created: first answer; changed: a different value/comment (history row added); unchanged: same answer again
 * (a retried turn); closed: the round was completed meanwhile, nothing was written; deferred: inside a bot
 * turn, the write goes to the database with the turn's state (same statement, before any reply is sent) and
 * the turn runs again if it cannot be stored.
 */
export type AnswerWriteOutcome = 'created' | 'changed' | 'unchanged' | 'closed' | 'deferred';

/** One respondent's answers in a round (respondents without a role count as `other`). */
export interface RespondentAnswerSet {
  readonly respondentId: string;
  readonly role: Role;
  readonly answers: AnswerMap;
}

/**
 * A stored Bot Framework conversation reference (plain JSON; botbuilder types stay at the edge). Channel
 * subscriptions and personal reminders both keep one.
 */
export type StoredReference = Readonly<Record<string, unknown>> & {
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string };
};

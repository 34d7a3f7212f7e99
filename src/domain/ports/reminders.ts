/**
 * Personal reminders: the 1:1 conversation of a person, their preference, and who has stalled in a round.
 * The reminder itself is delivered through the outbox (OutboxRepository.enqueueReminder).
 */
import type { StoredReference } from '../model';
import type { Role } from '../selbstcheck';

export interface PersonalConversation {
  readonly identityKey: string;
  readonly reference: StoredReference;
  readonly remindersEnabled: boolean;
  readonly lastRemindedAt: Date | null;
}

export interface StalledRespondent {
  readonly respondentId: string;
  readonly identityKey: string;
  readonly municipalityId: string;
  readonly assessmentId: string;
  readonly role: Role | null;
  readonly lastAnswerAt: Date;
  readonly answered: number;
  readonly remindersEnabled: boolean | null;
  readonly lastRemindedAt: Date | null;
  readonly hasConversation: boolean;
}

export interface ReminderRepository {
  /** Stores (or refreshes) the person's 1:1 conversation reference; keeps their reminder preference. */
  rememberConversation(identityKey: string, reference: StoredReference): Promise<void>;
  find(identityKey: string): Promise<PersonalConversation | undefined>;
  setRemindersEnabled(identityKey: string, enabled: boolean): Promise<boolean>;
  /**
   * Respondents of rounds in progress whose last answer is older than `before` (optionally of one municipality);
   * never the demo's visitors (sandbox rounds, the demo municipality).
   */
  stalled(before: Date, municipalityId?: string): Promise<readonly StalledRespondent[]>;
  markReminded(identityKey: string, at: Date): Promise<void>;
}

/**
 * The retention job (issue #17, docs/retention.md): what is kept how long when nobody asks for an erasure.
 * Every instance may run it at the same time, so each step is one set-based statement (or a list of
 * candidates for the PersonEraser, which tolerates a person erased twice); a row another instance removed
 * first is simply not counted.
 */

/**
 * Identity keys the erasure gives the fresh row that keeps a person's answers of completed rounds
 * (`erased:<uuid>`, see the privacy registry). Such a row names nobody, so the job never hands it on again.
 */
export const ERASED_IDENTITY_PREFIX = 'erased:';

/** How long what is kept (RETENTION_* in the configuration; the config's RetentionOptions fits this). */
export interface RetentionPeriods {
  /** Bot state of conversations and users without a respondent: days after it was last written. */
  readonly stateDays: number;
  /** Respondents who consented but never answered: days after consent. */
  readonly unansweredDays: number;
  /** Delivered (or given-up) outbox rows: days after the last attempt. */
  readonly outboxDays: number;
  /** Respondents inactive this many calendar months after their last answer are de-identified. */
  readonly inactiveMonths: number;
}

/** Outbox rows removed in one run. */
export interface OutboxPurge {
  readonly deliveries: number;
  readonly events: number;
}

export interface RetentionStore {
  /**
   * Deletes bot state (`<channel>/conversations/<id>`, `<channel>/users/<id>`) last written before `before`
   * that names no existing respondent, links no web chat browser to one, is not a respondent's own user row and
   * is not a Teams personal conversation (or its user). Returns the rows deleted.
   */
  deleteIdleState(before: Date): Promise<number>;
  /**
   * Identity keys of respondents who consented before `consentedBefore` and never answered (no answer of theirs
   * and no answer in a sandbox round of theirs) and hold no role grant; at most `limit`, oldest consent first.
   */
  unanswered(consentedBefore: Date, limit: number): Promise<readonly string[]>;
  /**
   * Identity keys of respondents whose last answer (given or changed) is before `lastAnswerBefore`, who answered
   * in at least one completed round and hold no role grant; at most `limit`, longest inactive first.
   */
  inactive(lastAnswerBefore: Date, limit: number): Promise<readonly string[]>;
  /**
   * Deletes deliveries in a final state (sent, skipped, failed) last touched before `before`, except the one a
   * card update still needs, then the events before `before` with no delivery left that no statement can ever
   * need again.
   */
  purgeOutbox(before: Date): Promise<OutboxPurge>;
}

/** Numbers only: nothing in a report names a person or a conversation. */
export interface RetentionReport {
  /** Bot state rows of conversations and users without a respondent. */
  readonly stateRows: number;
  /** Respondents who consented but never answered, erased. */
  readonly unansweredErased: number;
  /** Inactive respondents de-identified. */
  readonly inactiveErased: number;
  readonly outboxDeliveries: number;
  readonly outboxEvents: number;
  /** Expired download links. */
  readonly downloadLinks: number;
  /** Persons the eraser failed on (tried again in the next run) and steps that failed. */
  readonly failures: number;
}

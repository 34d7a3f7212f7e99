/**
 * The registry of personal data (issue #17): every Prisma model, what it holds about people, how long it is
 * kept and what an erasure does to it. tests/privacy/registry.test.ts fails when a model (or a table in the
 * migrated database) has no entry here, so a new feature cannot slip past erasure, `meine daten` and the
 * record of processing (docs/privacy.md, whose table is written from this file).
 *
 * Plain data on purpose: the erasure, the export of a person's data and the scan in the tests read it, and
 * none of them should depend on the generated client's shape.
 */

/**
 * - personal: rows name or identify a person (identity keys, channel ids, references, free text).
 * - pseudonymous: rows refer to a person only through an id or pseudonym whose mapping lives elsewhere.
 * - aggregate: figures per municipality or over municipalities, no row about a single person.
 * - none: nothing about people.
 */
export type DataClass = 'personal' | 'pseudonymous' | 'aggregate' | 'none';

export const DATA_CLASSES: readonly DataClass[] = ['personal', 'pseudonymous', 'aggregate', 'none'];

export interface TableEntry {
  /** Prisma model name, e.g. 'Respondent'. */
  readonly model: string;
  /** SQL table (@@map), e.g. 'respondent'. */
  readonly table: string;
  readonly classification: DataClass;
  /**
   * SQL column names holding personal data or a person's ids (identity keys, channel user ids, AAD object ids,
   * names, conversation ids and references, free text a person wrote). After an erasure none of them may
   * still hold the person's ids.
   */
  readonly personalColumns: readonly string[];
  /** English, one line. */
  readonly purpose: string;
  /** English: how long, which configuration variable. */
  readonly retention: string;
  /** English: what `daten löschen` does to the rows of this person. */
  readonly erasure: string;
  /** Whether `meine daten` includes the person's rows. */
  readonly inMyData: boolean;
}

const KEPT_WITH_ROUND = 'kept while the municipality and its rounds exist';

export const PRIVACY_REGISTRY: readonly TableEntry[] = [
  {
    model: 'BotStateItem',
    table: 'bot_state',
    classification: 'personal',
    personalColumns: ['key', 'data'],
    purpose:
      'Conversation and user state of the bot: dialog stack (with the respondent id), language, a web chat browser linked to an identity, the personal chat reference.',
    retention:
      'Rows of conversations and users without a respondent (FAQ-only citizens) are removed after RETENTION_STATE_DAYS (30) days without use; others while the respondent exists.',
    erasure:
      'Rows keyed by the person’s channel user ids and conversations, and rows naming the respondent, are deleted; the erasing turn does not write them back.',
    inMyData: true,
  },
  {
    model: 'Municipality',
    table: 'municipality',
    classification: 'none',
    personalColumns: [],
    purpose: 'Participating municipalities and districts (name, kind, Bundesland, official key).',
    retention: 'Kept while the municipality takes part; archived municipalities keep their data.',
    erasure: 'Untouched.',
    inMyData: false,
  },
  {
    model: 'Respondent',
    table: 'respondent',
    classification: 'personal',
    personalColumns: ['id', 'identity_key'],
    purpose:
      'A person answering the self-check: identity key (AAD object id and tenant, or web chat id), municipality, function, language, consent time, membership.',
    retention:
      'Consented but never answered: erased after RETENTION_UNANSWERED_DAYS (90) days; inactive RETENTION_INACTIVE_MONTHS (24) months after the last answer: de-identified as in an erasure.',
    erasure:
      "Deleted; if the person has answers in completed rounds, those move to a fresh row with a new id and identity_key 'erased:<uuid>' keeping municipality, function (role) and member_no.",
    inMyData: true,
  },
  {
    model: 'Assessment',
    table: 'assessment',
    classification: 'pseudonymous',
    personalColumns: ['sandbox_of'],
    purpose:
      'Rounds of the self-check per municipality; in the demo municipality sandbox_of names the respondent owning a private sandbox round.',
    retention: `Rounds: ${KEPT_WITH_ROUND}. Demo sandboxes: deleted with their respondent.`,
    erasure: 'The person’s demo sandbox rounds are deleted (with their answers); municipal rounds are untouched.',
    inMyData: true,
  },
  {
    model: 'Answer',
    table: 'answer',
    classification: 'personal',
    personalColumns: ['respondent_id', 'comment'],
    purpose: 'The current answer of a respondent to a question, with an optional free-text comment.',
    retention: `${KEPT_WITH_ROUND}; de-identified with the respondent after RETENTION_INACTIVE_MONTHS (24).`,
    erasure:
      'Answers in open rounds are deleted; answers in completed rounds stay on the de-identified respondent row, comments removed.',
    inMyData: true,
  },
  {
    model: 'AnswerHistory',
    table: 'answer_history',
    classification: 'personal',
    personalColumns: ['comment'],
    purpose: 'Every value an answer has had (audit trail of the self-check); belongs to the person through answer_id.',
    retention: 'Follows its answer.',
    erasure: 'Follows its answer: deleted with open-round answers; kept for completed rounds with comments removed.',
    inMyData: true,
  },
  {
    model: 'MunicipalityTenant',
    table: 'municipality_tenant',
    classification: 'personal',
    personalColumns: ['created_by'],
    purpose: 'Entra tenants registered for a municipality, and who registered them.',
    retention: 'Kept while the registration stands.',
    erasure: "created_by of the person is replaced by 'erased'; the registration stays.",
    inMyData: true,
  },
  {
    model: 'Invitation',
    table: 'invitation',
    classification: 'personal',
    personalColumns: ['created_by'],
    purpose: 'Invitation codes of a municipality (stored as hashes), and who issued them.',
    retention: 'Kept after expiry or revocation so leads can see which codes existed.',
    erasure: "created_by of the person is replaced by 'erased'; the code stays valid as issued.",
    inMyData: true,
  },
  {
    model: 'ResumeCode',
    table: 'resume_code',
    classification: 'personal',
    personalColumns: ['identity_key', 'code_hash'],
    purpose: 'A personal resume code (stored as a hash) to continue the web chat self-check on another device.',
    retention: 'Until replaced by a new code or the person is erased.',
    erasure: 'Deleted.',
    inMyData: true,
  },
  {
    model: 'RoleGrant',
    table: 'role_grant',
    classification: 'personal',
    personalColumns: ['identity_key', 'granted_by'],
    purpose: 'Coordinator and municipal lead roles granted explicitly, and who granted them.',
    retention: 'Until revoked.',
    erasure: "The person’s own grants are deleted; granted_by naming the person is replaced by 'erased'.",
    inMyData: true,
  },
  {
    model: 'ChannelSubscription',
    table: 'channel_subscription',
    classification: 'personal',
    personalColumns: ['created_by', 'reference'],
    purpose:
      'Teams channels receiving summary cards: the channel’s conversation reference (which names the subscriber) and who subscribed.',
    retention: 'Until unsubscribed.',
    erasure: "created_by is replaced by 'erased' and the subscriber’s user is removed from the reference.",
    inMyData: true,
  },
  {
    model: 'PersonalConversation',
    table: 'personal_conversation',
    classification: 'personal',
    personalColumns: ['identity_key', 'conversation_id', 'reference'],
    purpose: 'A person’s 1:1 chat with the bot (for reminders) and their reminder preference.',
    retention: 'While the person is a respondent or holds a role.',
    erasure: 'Deleted.',
    inMyData: true,
  },
  {
    model: 'OutboxEvent',
    table: 'outbox_event',
    classification: 'pseudonymous',
    personalColumns: ['respondent_id', 'idempotency_key'],
    purpose: 'Events worth telling (a field or round completed, a reminder due); reminders name the respondent.',
    retention: 'Follows its deliveries (RETENTION_OUTBOX_DAYS, 90).',
    erasure: 'respondent_id is set to null; reminder events whose idempotency_key names the respondent are deleted.',
    inMyData: true,
  },
  {
    model: 'OutboxDelivery',
    table: 'outbox_delivery',
    classification: 'personal',
    personalColumns: ['identity_key', 'conversation_id', 'idempotency_key'],
    purpose: 'One event to one conversation: a subscribed channel, or a person’s personal chat (reminders).',
    retention:
      'Delivered or given-up rows removed after RETENTION_OUTBOX_DAYS (90), except the latest sent card per channel and municipality, which can still be updated.',
    erasure: 'Rows with the person’s identity key or personal conversation are deleted.',
    inMyData: true,
  },
  {
    model: 'OutboxThrottle',
    table: 'outbox_throttle',
    classification: 'none',
    personalColumns: [],
    purpose: 'A shared “throttled until” after a 429 from the channel.',
    retention: 'One row, overwritten.',
    erasure: 'Untouched.',
    inMyData: false,
  },
  {
    model: 'RoundSnapshot',
    table: 'round_snapshot',
    classification: 'aggregate',
    personalColumns: [],
    purpose: 'A closed round frozen: the consolidated answer per question of a municipality, no person.',
    retention: KEPT_WITH_ROUND,
    erasure: 'Untouched (no person in it).',
    inMyData: false,
  },
  {
    model: 'ComparisonRelease',
    table: 'comparison_release',
    classification: 'aggregate',
    personalColumns: [],
    purpose: 'Released comparison figures over at least five municipalities.',
    retention: 'Kept (each release is the record of what was published).',
    erasure: 'Untouched (no person in it).',
    inMyData: false,
  },
  {
    model: 'DownloadLink',
    table: 'download_link',
    classification: 'personal',
    personalColumns: ['issuer'],
    purpose: 'Opaque single-use download links (exports, `meine daten`): the token’s hash and whom it was issued to.',
    retention:
      'Valid at most 15 minutes (EXPORT_LINK_TTL_SECONDS); the row is removed once it is one hour past expiry.',
    erasure: 'Deleted.',
    inMyData: true,
  },
  {
    model: 'AuditEvent',
    table: 'audit_event',
    classification: 'pseudonymous',
    personalColumns: ['actor', 'subject'],
    purpose: 'Append-only trail of accountable actions; people appear only as pseudonyms.',
    retention: 'Kept (append-only; a trigger refuses UPDATE and DELETE).',
    erasure: 'Kept; deleting the person’s audit_pseudonym row leaves their pseudonym linked to nobody.',
    inMyData: true,
  },
  {
    model: 'AuditPseudonym',
    table: 'audit_pseudonym',
    classification: 'personal',
    personalColumns: ['identity_key', 'pseudonym'],
    purpose: 'The only link from an audit pseudonym to a person.',
    retention: 'While the person exists.',
    erasure: 'Deleted, so the audit trail no longer names the person.',
    inMyData: true,
  },
];

const BY_TABLE = new Map(PRIVACY_REGISTRY.map((e) => [e.table, e]));

/** The entry of an SQL table name, or undefined for a table nobody classified. */
export function registryEntry(table: string): TableEntry | undefined {
  return BY_TABLE.get(table);
}

/** The tables that hold something about people, with the columns to clear or scan. */
export function tablesWithPersonalData(): readonly TableEntry[] {
  return PRIVACY_REGISTRY.filter((e) => e.personalColumns.length > 0);
}

/**
 * The victim whose stored data the fuzzing must not touch, and the business tables before and after.
 * The victim is prepared by the real bot (in-process, on the same database the child process uses later):
 * consent, municipality, role and a few answers; a lead grant, a channel subscription and a delivered
 * outbox event are added directly, so every business table has rows to protect.
 */
import { inviteCode } from '../support/membership';
import { loadConfig } from '../../src/config';
import { startService } from '../../src/index';
import type { Database, OpenOptions } from '../../src/infrastructure/db/database';
import { message, teamsPersonal, type Participant } from '../support/activities';
import { baseEnv } from '../support/service';
import { jsonRequest } from './harness';

export const TENANT = 'tenant-1';
export const VICTIM_MUNICIPALITY = 'potsdam';
export const ATTACKER_MUNICIPALITY = 'kiel';
/** The coordinator is configured (bootstrap) but never used by the fuzzing: identity is not what is tested here. */
export const COORDINATOR_OID = 'c0000000-0000-4000-8000-00000000c00d';
export const VICTIM_CHANNEL = '19:victim-channel@thread.tacv2';

export interface Prepared {
  victim: Participant;
  /** An onboarded staff user in another municipality, mid-questionnaire: the fuzzing clicks cards in this session. */
  attacker: Participant;
  victimAssessmentId: string;
  victimRespondentId: string;
  /** The question the victim is asked next. */
  victimNext: string;
  /** Real card data of the victim's open question (answer action), reused as stale and foreign payloads. */
  victimCardData: Record<string, unknown>;
}

interface Reply {
  text?: string;
  attachments?: { content?: { actions?: { data?: Record<string, unknown> }[] } }[];
}

export const answerActionOf = (replies: readonly Reply[]): Record<string, unknown> | undefined =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .flatMap((a) => a.content?.actions ?? [])
    .find((a) => a.data?.['verb'] === 'answer')?.data;

export async function turn(port: number, activity: Record<string, unknown>): Promise<Reply[]> {
  const r = await jsonRequest(port, 'POST', '/api/messages', { ...activity, deliveryMode: 'expectReplies' });
  if (r.status !== 200) throw new Error(`turn failed: ${r.status} ${r.body.slice(0, 300)}`);
  return ((JSON.parse(r.body) as { activities?: Reply[] }).activities ?? []).filter(
    (a) => (a as { type?: string }).type !== 'trace',
  );
}

async function onboard(
  port: number,
  p: Participant,
  code: string,
  answers: number,
): Promise<{ next: string; data: Record<string, unknown> }> {
  for (const text of ['start', 'ja', code]) await turn(port, message(teamsPersonal, p, text));
  let replies = await turn(port, message(teamsPersonal, p, 'Integrationsbeauftragte*r / Flüchtlingskoordination'));
  for (let i = 0; i < answers; i++) {
    const data = answerActionOf(replies);
    if (!data) throw new Error(`no question card after ${i} answers`);
    replies =
      i % 2 === 0
        ? await turn(port, teamsPersonal(p, { type: 'message', value: { ...data, answer: 'partial' } }))
        : await turn(port, message(teamsPersonal, p, '4'));
  }
  const data = answerActionOf(replies);
  if (!data || typeof data['questionId'] !== 'string') throw new Error('the onboarded user was not asked a question');
  return { next: data['questionId'], data };
}

/** Runs the real service in-process on `databaseUrl`, prepares victim and attacker, seeds the rest, stops. */
export async function prepare(
  databaseUrl: string,
  openOptions: OpenOptions,
  connectorUrl: string,
): Promise<{ prepared: Prepared; before: Snapshot }> {
  const config = loadConfig(
    baseEnv({ DATABASE_URL: databaseUrl, COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID, REMINDER_CHECK_MINUTES: '1440' }),
  );
  const service = await startService(config, { database: openOptions });
  try {
    const victim: Participant = {
      conversationId: 'a:victim-personal-conversation',
      userId: '29:victim',
      aadObjectId: 'a0000000-0000-4000-8000-0000000000a1',
      serviceUrl: connectorUrl,
    };
    const attacker: Participant = {
      conversationId: 'a:attacker-personal-conversation',
      userId: '29:attacker',
      aadObjectId: 'b0000000-0000-4000-8000-0000000000b2',
      serviceUrl: connectorUrl,
    };
    const prisma = service.db.prisma;
    // Both join with invitation codes of their municipalities, as members do.
    const v = await onboard(service.port, victim, await inviteCode(prisma, 'Potsdam'), 3);
    await onboard(service.port, attacker, await inviteCode(prisma, 'Kiel'), 1);
    const respondent = await prisma.respondent.findUniqueOrThrow({
      where: { identityKey: `aad:${TENANT}:${victim.aadObjectId}` },
    });
    const assessment = await prisma.assessment.findFirstOrThrow({ where: { municipalityId: VICTIM_MUNICIPALITY } });
    const coordinatorKey = `aad:${TENANT}:${COORDINATOR_OID}`;
    await prisma.roleGrant.create({
      data: {
        identityKey: respondent.identityKey,
        role: 'lead',
        municipalityId: VICTIM_MUNICIPALITY,
        grantedBy: coordinatorKey,
      },
    });
    const reference = {
      channelId: 'msteams',
      serviceUrl: connectorUrl,
      conversation: { id: VICTIM_CHANNEL, isGroup: true, conversationType: 'channel', tenantId: TENANT },
      bot: { id: '28:weltoffen-bot' },
    };
    const subscription = await prisma.channelSubscription.create({
      data: {
        conversationId: VICTIM_CHANNEL,
        scope: VICTIM_MUNICIPALITY,
        serviceUrl: connectorUrl,
        tenantId: TENANT,
        teamId: 'team-1',
        channelId: VICTIM_CHANNEL,
        reference,
        createdBy: coordinatorKey,
      },
    });
    const event = await prisma.outboxEvent.create({
      data: {
        idempotencyKey: `fuzz-victim-event-${assessment.id}`,
        kind: 'field_completed',
        municipalityId: VICTIM_MUNICIPALITY,
        assessmentId: assessment.id,
        respondentId: respondent.id,
        fieldId: 'MS',
      },
    });
    // Delivered already, so the sender of the fuzzed process leaves it alone.
    await prisma.outboxDelivery.create({
      data: {
        eventId: event.id,
        idempotencyKey: `${event.idempotencyKey}:${subscription.id}`,
        subscriptionId: subscription.id,
        conversationId: VICTIM_CHANNEL,
        state: 'sent',
        attempts: 1,
        sentAt: new Date(),
        activityId: 'fake-1',
      },
    });
    const prepared = {
      victim,
      attacker,
      victimAssessmentId: assessment.id,
      victimRespondentId: respondent.id,
      victimNext: v.next,
      victimCardData: v.data,
    };
    return { prepared, before: await snapshot(service.db) };
  } finally {
    await service.stop();
  }
}

type Row = Record<string, unknown>;
export type Snapshot = Record<string, Map<string, string>>;

const TABLES: Record<string, string> = {
  municipality: 'id',
  respondent: 'id',
  assessment: 'id',
  answer: 'id',
  answer_history: 'id',
  role_grant: 'id',
  channel_subscription: 'id',
  personal_conversation: 'identity_key',
  outbox_event: 'id',
  outbox_delivery: 'id',
  outbox_throttle: 'key',
};

/** Every row of every business table, as canonical JSON by primary key (bot_state is conversation memory, not business data). */
export async function snapshot(db: Database): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const { rows } = await db.sql.query<Row>(`SELECT * FROM "${table}"`);
    out[table] = new Map(rows.map((r) => [String(r[key]), canonical(r)]));
  }
  return out;
}

function canonical(row: Row): string {
  const sorted = Object.fromEntries(
    Object.keys(row)
      .sort()
      .map((k) => {
        const value = row[k];
        return [k, value instanceof Date ? value.toISOString() : value];
      }),
  );
  return JSON.stringify(sorted);
}

const parsed = (s: string): Row => JSON.parse(s) as Row;

/**
 * What changed that must not have. Rows of other respondents (the attacker's own self-check, fuzz users who
 * consented) may change or appear; the victim's rows, its municipality's round, grants, subscriptions and
 * deliveries may not, and nothing may disappear.
 */
export function forbiddenChanges(before: Snapshot, after: Snapshot, p: Prepared): string[] {
  const problems: string[] = [];
  const answerIdsOfVictim = new Set(
    [
      ...(after['answer'] ?? new Map<string, string>()).values(),
      ...(before['answer'] ?? new Map<string, string>()).values(),
    ]
      .map(parsed)
      .filter((r) => r['respondent_id'] === p.victimRespondentId)
      .map((r) => String(r['id'])),
  );
  const protectedRow: Record<string, (r: Row) => boolean> = {
    municipality: () => true,
    respondent: (r) => r['id'] === p.victimRespondentId,
    assessment: (r) => r['municipality_id'] === VICTIM_MUNICIPALITY,
    answer: (r) => r['respondent_id'] === p.victimRespondentId,
    answer_history: (r) => answerIdsOfVictim.has(String(r['answer_id'])),
    role_grant: () => true,
    channel_subscription: () => true,
    personal_conversation: (r) => r['identity_key'] === `aad:${TENANT}:${p.victim.aadObjectId}`,
    outbox_event: (r) => r['municipality_id'] === VICTIM_MUNICIPALITY,
    outbox_delivery: () => true,
    outbox_throttle: () => true,
  };
  for (const table of Object.keys(TABLES)) {
    const b = before[table] ?? new Map<string, string>();
    const a = after[table] ?? new Map<string, string>();
    const isProtected = protectedRow[table] ?? (() => true);
    for (const [id, row] of b) {
      const now = a.get(id);
      if (now === undefined) problems.push(`${table} ${id}: deleted`);
      else if (now !== row && isProtected(parsed(row)))
        problems.push(`${table} ${id}: changed from ${row.slice(0, 400)} to ${now.slice(0, 400)}`);
    }
    for (const [id, row] of a) {
      if (!b.has(id) && isProtected(parsed(row))) problems.push(`${table} ${id}: new row ${row.slice(0, 400)}`);
    }
  }
  return problems;
}

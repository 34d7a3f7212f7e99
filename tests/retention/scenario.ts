/**
 * One database state for the retention job: for every rule, rows just before and just after its cutoff, with
 * and without a respondent link, and the outbox rows a card update or an idempotency key still needs. Rows carry
 * labels (state keys, idempotency keys, link issuers) so the tests can list what is left by name; the expected
 * lists below are written out by hand, not derived from the job's rules.
 */
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { ErasureReport, PersonEraser } from '../../src/domain/ports/privacy';
import type { RetentionPeriods } from '../../src/domain/ports/retention';

export const NOW = new Date('2026-06-15T12:00:00Z');
export const PERIODS: RetentionPeriods = { stateDays: 30, unansweredDays: 90, outboxDays: 90, inactiveMonths: 24 };
const DAY = 24 * 3600_000;
const MIN = 60_000;
const STATE_CUT = NOW.getTime() - 30 * DAY;
const UNANSWERED_CUT = NOW.getTime() - 90 * DAY;
const OUTBOX_CUT = NOW.getTime() - 90 * DAY;
/** 24 calendar months before NOW. */
const INACTIVE_CUT = new Date('2024-06-15T12:00:00Z').getTime();
const LINK_CUT = NOW.getTime() - 3600_000;
const at = (ms: number) => new Date(ms);

/** What the one run must leave, by label. */
export const EXPECTED = {
  stateKeys: [
    'msteams/conversations/a:personal-1',
    'msteams/conversations/with-respondent',
    'msteams/users/29:teams-user',
    'other/settings',
    'webchat/conversations/faq-young',
    'webchat/users/linked',
    'webchat/users/wc-user-1',
  ],
  /** Identity keys still on a respondent row; `erased:*` stands for each de-identified row. */
  respondents: [
    'aad:t:active',
    'aad:t:answered-open-only',
    'aad:t:inactive-history-young',
    'aad:t:inactive-open-young',
    'aad:t:inactive-role',
    'aad:t:no-consent',
    'aad:t:unanswered-role',
    'aad:t:unanswered-young',
    'erased:*',
    'erased:*',
    'erased:no-answers',
    'erased:old',
    'webchat:wc-user-1',
  ],
  erased: ['aad:t:inactive-due', 'aad:t:inactive-old-open', 'aad:t:unanswered-due'],
  deliveries: ['D12', 'D2', 'D5', 'D7', 'D8', 'D9'],
  events: ['E_ac1', 'E_ac4', 'E_ac6', 'E_f1', 'E_f2', 'E_f3', 'E_f3b', 'E_f4', 'E_rem2'],
  links: ['L2', 'L3'],
  report: {
    stateRows: 5,
    unansweredErased: 1,
    inactiveErased: 2,
    outboxDeliveries: 5,
    outboxEvents: 7,
    downloadLinks: 1,
    failures: 0,
  },
};

/** What is left, by label, sorted (de-identified rows as `erased:*`). */
export async function leftOver(prisma: PrismaClient) {
  const sorted = (xs: string[]) => [...xs].sort();
  return {
    stateKeys: sorted((await prisma.botStateItem.findMany()).map((r) => r.key)),
    respondents: sorted(
      (await prisma.respondent.findMany()).map((r) =>
        r.identityKey.startsWith('erased:') && !['erased:old', 'erased:no-answers'].includes(r.identityKey)
          ? 'erased:*'
          : r.identityKey,
      ),
    ),
    deliveries: sorted((await prisma.outboxDelivery.findMany()).map((r) => r.idempotencyKey)),
    events: sorted((await prisma.outboxEvent.findMany()).map((r) => r.idempotencyKey)),
    links: sorted((await prisma.downloadLink.findMany()).map((r) => r.issuer)),
  };
}

/**
 * Stands in for the lead's PersonEraser: a person with answers in a completed round is de-identified (the row
 * gets an `erased:` key), anyone else deleted, in one statement; a second call finds nothing (erased: false).
 * The update checks the key again: a concurrent call waiting on the row sees it renamed and changes nothing.
 */
export function recordingEraser(prisma: PrismaClient): { eraser: PersonEraser; calls: string[] } {
  const calls: string[] = [];
  const eraser: PersonEraser = async (identityKey) => {
    calls.push(identityKey);
    const rows = await prisma.$queryRaw<{ n: number }[]>`
      WITH r AS (
        SELECT p."id", EXISTS (SELECT 1 FROM "answer" a JOIN "assessment" s ON s."id" = a."assessment_id"
                                WHERE a."respondent_id" = p."id" AND s."status" = 'completed') AS keep
          FROM "respondent" p WHERE p."identity_key" = ${identityKey}
      ), upd AS (
        UPDATE "respondent" SET "identity_key" = 'erased:' || gen_random_uuid()::text
         WHERE "id" IN (SELECT "id" FROM r WHERE keep) AND "identity_key" = ${identityKey} RETURNING 1
      ), del AS (
        DELETE FROM "respondent" WHERE "id" IN (SELECT "id" FROM r WHERE NOT keep) RETURNING 1
      )
      SELECT ((SELECT count(*) FROM upd) + (SELECT count(*) FROM del))::int AS n`;
    const n = rows[0]?.n ?? 0;
    const report: ErasureReport = { erased: n > 0, removedAnswers: 0, keptAnswers: 0, tables: { respondent: n } };
    return report;
  };
  return { eraser, calls };
}

export async function seed(prisma: PrismaClient): Promise<void> {
  // Rounds: A1 completed long ago, A2 open, A3 completed just after the outbox cutoff, A4–A6 completed long ago.
  const round = (id: string, municipalityId: string, roundNo: number, completedAt: number | null) =>
    prisma.assessment.create({
      data: {
        id,
        municipalityId,
        round: roundNo,
        questionnaireVersion: 1,
        status: completedAt === null ? 'in_progress' : 'completed',
        startedAt: at(INACTIVE_CUT - 400 * DAY),
        completedAt: completedAt === null ? null : at(completedAt),
      },
    });
  const longAgo = OUTBOX_CUT - 30 * DAY;
  await round('A1', 'potsdam', 1, longAgo);
  await round('A2', 'potsdam', 2, null);
  await round('A3', 'bochum', 1, OUTBOX_CUT + MIN);
  await round('A4', 'luebeck', 1, longAgo);
  await round('A5', 'konstanz', 1, longAgo);
  await round('A6', 'iserlohn', 1, longAgo);

  const person = (identityKey: string, consentedAt: number | null) =>
    prisma.respondent.create({
      data: {
        identityKey,
        municipalityId: 'potsdam',
        role: 'integration_staff',
        membership: 'invitation',
        consentedAt: consentedAt === null ? null : at(consentedAt),
        createdAt: at(INACTIVE_CUT - 500 * DAY),
      },
    });
  let question = 0;
  const answer = async (respondentId: string, assessmentId: string, answeredAt: number, changedAt = answeredAt) => {
    const a = await prisma.answer.create({
      data: {
        assessmentId,
        respondentId,
        questionId: `Q-${++question}`,
        value: 'partial',
        questionnaireVersion: 1,
        channel: 'msteams',
        answeredAt: at(answeredAt),
      },
    });
    await prisma.answerHistory.create({
      data: { answerId: a.id, value: 'partial', channel: 'msteams', changedAt: at(changedAt) },
    });
  };
  const grant = (identityKey: string, role: 'lead' | 'coordinator') =>
    prisma.roleGrant.create({
      data: { identityKey, role, municipalityId: role === 'lead' ? 'potsdam' : null, grantedBy: 'aad:t:x' },
    });

  // The respondent the state rows point to: recent, answering in the open round.
  const active = await person('aad:t:active', NOW.getTime() - 5 * DAY);
  await answer(active.id, 'A2', NOW.getTime() - DAY);
  await person('webchat:wc-user-1', NOW.getTime() - DAY);

  // Rule 2: consented, never answered.
  await person('aad:t:unanswered-due', UNANSWERED_CUT - MIN);
  await person('aad:t:unanswered-young', UNANSWERED_CUT + MIN);
  await person('aad:t:unanswered-role', UNANSWERED_CUT - DAY);
  await grant('aad:t:unanswered-role', 'lead');
  await person('aad:t:no-consent', null);
  await person('erased:old', UNANSWERED_CUT - DAY);
  // A de-identified row names nobody, even without answers left: never handed on.
  await person('erased:no-answers', UNANSWERED_CUT - DAY);
  const openOnly = await person('aad:t:answered-open-only', UNANSWERED_CUT - DAY);
  await answer(openOnly.id, 'A2', INACTIVE_CUT - DAY);

  // Rule 3: inactive after the last answer (given or changed).
  const longBefore = INACTIVE_CUT - 300 * DAY;
  const due = await person('aad:t:inactive-due', longBefore);
  await answer(due.id, 'A1', longBefore, INACTIVE_CUT - MIN);
  const historyYoung = await person('aad:t:inactive-history-young', longBefore);
  await answer(historyYoung.id, 'A1', INACTIVE_CUT - DAY, INACTIVE_CUT + MIN);
  const openYoung = await person('aad:t:inactive-open-young', longBefore);
  await answer(openYoung.id, 'A1', longBefore);
  await answer(openYoung.id, 'A2', INACTIVE_CUT + MIN);
  const oldOpen = await person('aad:t:inactive-old-open', longBefore);
  await answer(oldOpen.id, 'A1', longBefore);
  await answer(oldOpen.id, 'A2', INACTIVE_CUT - MIN);
  const role = await person('aad:t:inactive-role', longBefore);
  await answer(role.id, 'A1', longBefore);
  await grant('aad:t:inactive-role', 'coordinator');
  const erased = await prisma.respondent.findUniqueOrThrow({ where: { identityKey: 'erased:old' } });
  await answer(erased.id, 'A1', longBefore);

  // Rule 1: bot state.
  await prisma.personalConversation.create({
    data: {
      identityKey: 'aad:t:teams',
      conversationId: 'a:personal-1',
      serviceUrl: 'https://smba.example.org/',
      reference: { channelId: 'msteams', conversation: { id: 'a:personal-1' }, user: { id: '29:teams-user' } },
    },
  });
  const stack = (respondentId: string) => ({
    dialogState: {
      dialogStack: [{ id: 'main', state: { values: { session: { assessmentId: 'A2', respondentId } } } }],
    },
  });
  const state = async (key: string, updatedAt: number, data: object = {}) => {
    await prisma.$executeRaw`INSERT INTO "bot_state" ("key", "data", "etag", "updated_at")
      VALUES (${key}, ${JSON.stringify(data)}::jsonb, 'e', ${at(updatedAt)})`;
  };
  const oldState = STATE_CUT - MIN;
  await state('webchat/conversations/faq-old', oldState, { dialogState: { dialogStack: [] } });
  await state('webchat/conversations/faq-young', STATE_CUT + MIN, { dialogState: { dialogStack: [] } });
  await state('webchat/users/faq-user-old', oldState);
  await state('msteams/conversations/with-respondent', oldState - 100 * DAY, stack(active.id));
  await state('msteams/conversations/ghost', oldState, stack('no-such-respondent'));
  await state('webchat/users/linked', oldState, { linkedIdentity: { identityKey: 'aad:t:active' } });
  await state('webchat/users/linked-ghost', oldState, { linkedIdentity: { identityKey: 'aad:t:nobody' } });
  await state('webchat/users/wc-user-1', oldState);
  await state('msteams/conversations/a:personal-1', oldState);
  await state('msteams/users/29:teams-user', oldState);
  await state('msteams/users/29:someone-else', oldState);
  await state('other/settings', oldState);

  await seedOutbox(prisma, active.id);

  // Rule 5: download links are kept an hour after expiry.
  const link = (issuer: string, expiresAt: number) =>
    prisma.downloadLink.create({
      data: { tokenHash: `hash-${issuer}`, purpose: 'export', issuer, format: 'pdf', expiresAt: at(expiresAt) },
    });
  await link('L1', LINK_CUT - MIN);
  await link('L2', LINK_CUT + MIN);
  await link('L3', NOW.getTime() + DAY);
}

async function seedOutbox(prisma: PrismaClient, activeId: string): Promise<void> {
  const sub = (id: string, scope: string) =>
    prisma.channelSubscription.create({
      data: {
        id,
        conversationId: `19:${id}`,
        scope,
        serviceUrl: 'https://smba.example.org/',
        reference: {},
        createdBy: 'x',
      },
    });
  await sub('SUB1', 'potsdam');
  await sub('SUB2', '*');
  type Kind = 'field_completed' | 'assessment_completed' | 'reminder';
  const event = (
    key: string,
    kind: Kind,
    municipalityId: string,
    assessmentId: string,
    createdAt: number,
    respondentId?: string,
  ) =>
    prisma.outboxEvent.create({
      data: {
        id: key,
        idempotencyKey: key,
        kind,
        municipalityId,
        assessmentId,
        respondentId: respondentId ?? null,
        fieldId: kind === 'field_completed' ? `F-${key}` : null,
        createdAt: at(createdAt),
      },
    });
  type State = 'sent' | 'skipped' | 'failed' | 'queued' | 'uncertain';
  const delivery = (
    key: string,
    eventId: string,
    state: State,
    updatedAt: number,
    o: { sub?: string; activity?: string } = {},
  ) =>
    prisma.outboxDelivery.create({
      data: {
        idempotencyKey: key,
        eventId,
        state,
        subscriptionId: o.sub ?? null,
        identityKey: o.sub === undefined ? 'aad:t:active' : null,
        conversationId: o.sub === undefined ? 'a:personal-1' : `19:${o.sub}`,
        activityId: o.activity ?? null,
        updatedAt: at(updatedAt),
        sentAt: state === 'sent' ? at(updatedAt) : null,
        createdAt: at(updatedAt - DAY),
      },
    });
  const old = OUTBOX_CUT - MIN;
  const young = OUTBOX_CUT + MIN;
  await event('E_f1', 'field_completed', 'potsdam', 'A1', old - 3 * DAY);
  await event('E_ac1', 'assessment_completed', 'potsdam', 'A1', old - 3 * DAY);
  await event('E_f1b', 'field_completed', 'potsdam', 'A1', old);
  await event('E_f1c', 'field_completed', 'potsdam', 'A1', old);
  await event('E_f2', 'field_completed', 'potsdam', 'A2', old);
  await event('E_f3', 'field_completed', 'potsdam', 'A1', young);
  await event('E_f3b', 'field_completed', 'bochum', 'A3', old);
  await event('E_f4', 'field_completed', 'luebeck', 'A4', old);
  await event('E_ac4', 'assessment_completed', 'luebeck', 'A4', old);
  await event('E_ac5', 'assessment_completed', 'konstanz', 'A5', old);
  await event('E_ac6', 'assessment_completed', 'potsdam', 'A2', old);
  await event('E_f6', 'field_completed', 'iserlohn', 'A6', old);
  await event('E_ac7', 'assessment_completed', 'iserlohn', 'A6', old);
  await event('E_rem1', 'reminder', 'potsdam', 'A1', old, activeId);
  await event('E_rem2', 'reminder', 'potsdam', 'A2', old, activeId);
  await event('E_rem3', 'reminder', 'potsdam', 'A2', old, 'gone-respondent');

  // SUB1 × potsdam: D2 is the newest sent card with an activity id, so it stays however old.
  await delivery('D1', 'E_f1', 'sent', old - 2 * DAY, { sub: 'SUB1', activity: 'act-1' });
  await delivery('D2', 'E_ac1', 'sent', old, { sub: 'SUB1', activity: 'act-2' });
  await delivery('D4', 'E_f1b', 'skipped', old, { sub: 'SUB1' });
  await delivery('D5', 'E_f2', 'failed', young, { sub: 'SUB1' });
  await delivery('D6', 'E_f1c', 'sent', old + 30_000, { sub: 'SUB1' });
  // SUB2 × potsdam: its only sent card.
  await delivery('D7', 'E_f1', 'sent', old - 5 * DAY, { sub: 'SUB2', activity: 'act-7' });
  // Not final: never removed.
  await delivery('D8', 'E_f2', 'queued', old - 10 * DAY, { sub: 'SUB2' });
  await delivery('D9', 'E_f3', 'uncertain', old - 10 * DAY, { sub: 'SUB2' });
  // Reminders (no subscription): never a card to update.
  await delivery('D10', 'E_rem1', 'sent', old, { activity: 'act-10' });
  await delivery('D11', 'E_rem2', 'sent', old, { activity: 'act-11' });
  await delivery('D12', 'E_f4', 'failed', young, { sub: 'SUB1' });
}

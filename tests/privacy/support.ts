/** What the privacy suites share: people who answer, a scan of every table for a person's ids, the download. */
import type { PrismaClient } from '../../src/generated/prisma/client';
import { message, teamsPersonal, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import type { ReplyActivity, TestService } from '../support/service';

export const allText = (replies: readonly ReplyActivity[]): string =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

export type Shape = typeof teamsPersonal;

export const say = async (svc: TestService, shape: Shape, p: Participant, text: string) =>
  allText(await svc.replies(message(shape, p, text)));

/** A card click as the channel sends it: Action.Execute invoke in Teams, Action.Submit message elsewhere. */
export async function click(
  svc: TestService,
  shape: Shape,
  p: Participant,
  data: Record<string, unknown>,
): Promise<string> {
  const activity =
    shape === teamsPersonal
      ? teamsPersonal(p, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: data['verb'], data } },
        })
      : webchat(p, { type: 'message', value: data });
  if (shape === teamsPersonal) {
    const { status, body } = await svc.post(activity);
    expect(status).toBe(200);
    // The invoke's answer replaces the card; follow-up messages come through the connector (not asserted here).
    return JSON.stringify(body);
  }
  return allText(await svc.replies(activity));
}

/** The question on screen: the target of a card's answer buttons (searched anywhere in the card JSON). */
export function targetOf(text: string): { assessmentId: string; questionId: string; questionnaireVersion: number } {
  const m = /"assessmentId":"([^"]+)","questionId":"([A-Z]{2}-\d{2})","questionnaireVersion":(\d+)/.exec(text);
  if (m === null) throw new Error(`no question card in: ${text.slice(0, 300)}`);
  return { assessmentId: m[1] ?? '', questionId: m[2] ?? '', questionnaireVersion: Number(m[3]) };
}

/**
 * Joins `municipality` with an invitation code (a lead code when asked), chooses the function and answers
 * `answers` questions: the first one on its card with a comment, the others typed.
 */
export async function answerSome(
  svc: TestService,
  shape: Shape,
  p: Participant,
  municipality: string,
  answers: number,
  options: { lead?: boolean; role?: string; comment?: string } = {},
): Promise<void> {
  await say(svc, shape, p, 'start');
  await say(svc, shape, p, 'ja');
  const code = await inviteCode(svc.service.db.prisma, municipality, options.lead ? 'lead' : 'member');
  await say(svc, shape, p, code);
  const shown = await say(svc, shape, p, options.role ?? 'Verwaltungsspitze');
  await answerMore(svc, shape, p, shown, answers, options.comment);
}

/** Answers `n` more questions from the one on screen (`shown`: the last replies' text). */
export async function answerMore(
  svc: TestService,
  shape: Shape,
  p: Participant,
  shown: string,
  n: number,
  comment = 'Beschluss vom März, siehe Protokoll',
): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i === 0) {
      const target = targetOf(shown);
      // Action.Submit as a message value (how Teams' older clients and Web Chat send it): replies come back.
      shown = allText(
        await svc.replies(
          shape(p, { type: 'message', value: { verb: 'answer', ...target, answer: 'partial', comment } }),
        ),
      );
    } else shown = await say(svc, shape, p, '3');
  }
}

/** The nonce on the erasure question's confirm button (from the replies' card JSON). */
export function nonceOf(text: string): string {
  const m = /"verb":"privacyErase","nonce":"([A-Za-z0-9_-]+)"/.exec(text);
  if (m === null) throw new Error(`no erasure confirmation in: ${text.slice(0, 300)}`);
  return m[1] ?? '';
}

export const LINK = /(https?:\/\/[^\s"]+)\/download\/#([A-Za-z0-9_-]{43})/;

/** Every table of the public schema (the migrations' bookkeeping aside). */
export async function allTables(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`;
  return rows.map((r) => r.table_name);
}

/** For each needle: the tables whose rows (as JSON text, keys included for bot_state) contain it. */
export async function tracesIn(
  prisma: PrismaClient,
  tables: readonly string[],
  needles: readonly string[],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const table of tables) {
    // Table names come from information_schema, not from input; quoted as identifiers all the same.
    const ident = `"${table.replace(/"/g, '""')}"`;
    const rows = await prisma.$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(t)::text AS j FROM ${ident} t`);
    const text = rows.map((r) => r.j).join('\n');
    for (const needle of needles) if (text.includes(needle)) (found[needle] ??= []).push(table);
  }
  return found;
}

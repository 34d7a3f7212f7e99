import { randomUUID } from 'node:crypto';
import { message, newParticipant, teamsChannel, teamsPersonal, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import type { ReplyActivity, TestService } from '../support/service';

export const TENANT = 'tenant-1';
export const COORDINATOR_OID = 'coord-0000-1111';

/** The Teams app's id: summary cards link into its dashboard tab. */
export const TEAMS_APP_ID = '3f2a1c9e-7b1d-4c55-9a0e-2b6d8f1e4a77';

export const coordinatorEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
  COORDINATOR_TENANT_IDS: TENANT,
  OUTBOX_POLL_MS: '100',
  TEAMS_APP_ID: TEAMS_APP_ID,
  ...extra,
});

export const allText = (replies: readonly ReplyActivity[]): string =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

/** A Teams channel (conversation) and a person writing in it. */
export function channelMember(
  serviceUrl: string,
  aadObjectId: string,
  channel = `19:${randomUUID()}@thread.tacv2`,
): Participant {
  return newParticipant({ conversationId: channel, aadObjectId, serviceUrl });
}

export async function inChannel(svc: TestService, p: Participant, text: string, locale?: string): Promise<string> {
  // As Teams sends it: the bot's @mention first, with its mention entity.
  const activity = teamsChannel(p, {
    type: 'message',
    ...(locale ? { locale } : {}),
    text: `<at>Weltoffen-Bot</at> ${text}`,
    entities: [
      { type: 'mention', text: '<at>Weltoffen-Bot</at>', mentioned: { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' } },
    ],
  });
  return allText(await svc.replies(activity));
}

export async function inPersonal(svc: TestService, p: Participant, text: string): Promise<string> {
  return allText(await svc.replies(message(teamsPersonal, p, text)));
}

/** Onboards a web chat respondent and answers until the first field (MS) is complete. */
export async function completeFirstField(
  svc: TestService,
  municipality: string,
  p: Participant = newParticipant(),
): Promise<Participant> {
  const say = (text: string) => svc.replies(message(webchat, p, text));
  await say('start');
  await say('ja');
  await say(await inviteCode(svc.service.db.prisma, municipality));
  let replies = await say('Verwaltungsspitze');
  for (let i = 0; i < 60 && !allText(replies).includes('Auswertung: Management und Steuerung'); i++)
    replies = await say('2');
  if (!allText(replies).includes('Auswertung: Management und Steuerung')) throw new Error('field MS was not completed');
  return p;
}

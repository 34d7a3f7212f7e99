/**
 * Shared by the self-check conversation suites: reading cards out of replies, and a running service with
 * `say`, `submit`, stored answers and the onboarding steps every conversation starts with.
 */
import { message, type Participant, type webchat } from '../support/activities';
import { inviteCode } from '../support/membership';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';

export type Shape = typeof webchat;
export interface CardJson {
  body: unknown[];
  actions?: { type: string; verb?: string; data: Record<string, unknown> }[];
}

export const cardsOf = (replies: readonly ReplyActivity[]): CardJson[] =>
  replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as CardJson),
  );
export const questionCard = (replies: readonly ReplyActivity[]): CardJson | undefined =>
  cardsOf(replies).find((c) => c.actions?.some((a) => a.data['verb'] === 'answer'));
export const questionIdOf = (replies: readonly ReplyActivity[]): string | undefined =>
  questionCard(replies)?.actions?.[0]?.data['questionId'] as string | undefined;
export const allText = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

export interface ConversationHarness {
  readonly svc: () => TestService;
  readonly say: (shape: Shape, p: Participant, text: string) => Promise<ReplyActivity[]>;
  readonly submit: (shape: Shape, p: Participant, value: Record<string, unknown>) => Promise<ReplyActivity[]>;
  readonly prisma: () => TestService['service']['db']['prisma'];
  readonly storedAnswers: (identityKey: string) => Promise<Record<string, { value: string; comment: string | null }>>;
  /**
   * Runs onboarding with an invitation code of the municipality (a `lead` code makes the person its lead)
   * and returns the replies of the last step (which include the first question).
   */
  readonly onboard: (
    shape: Shape,
    p: Participant,
    municipality: string,
    role: string,
    options?: { readonly lead?: boolean },
  ) => Promise<ReplyActivity[]>;
}

/** Starts the real service before the suite and stops it after; call inside `describe`. */
export function conversationHarness(): ConversationHarness {
  let service: TestService | undefined;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service?.stop());
  const svc = (): TestService => {
    if (service === undefined) throw new Error('the service is not started yet');
    return service;
  };
  const say = (shape: Shape, p: Participant, text: string) => svc().replies(message(shape, p, text));
  const prisma = () => svc().service.db.prisma;
  return {
    svc,
    say,
    submit: (shape, p, value) => svc().replies(shape(p, { type: 'message', value })),
    prisma,
    storedAnswers: async (identityKey) => {
      const rows = await prisma().answer.findMany({
        where: { respondent: { identityKey } },
        orderBy: { questionId: 'asc' },
      });
      return Object.fromEntries(rows.map((r) => [r.questionId, { value: r.value, comment: r.comment }]));
    },
    onboard: async (shape, p, municipality, role, options = {}) => {
      const intro = await say(shape, p, 'start');
      expect(intro[0]?.text).toMatch(/sieben Handlungsfeldern/);
      expect(allText(intro)).toContain('Datenschutz');
      const consent = await say(shape, p, 'ja');
      expect(allText(consent)).toContain('Für welche Kommune');
      const code = await inviteCode(prisma(), municipality, options.lead === true ? 'lead' : 'member');
      const roles = await say(shape, p, code);
      expect(allText(roles)).toContain('Code angenommen');
      expect(allText(roles)).toContain('Welche Funktion');
      return say(shape, p, role);
    },
  };
}

/**
 * Turn-script harness for the self-check dialogs: the bot over in-memory ports and MemoryStorage, driven
 * one turn at a time. Each reply is reduced to one line (a text, or a card's first fallback line with its
 * verbs and question id) so a script reads like the conversation and compares exactly.
 */
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { MainDialog } from '../../dialogs/mainDialog';
import { TurnIdentity } from '../../src/bot/turnIdentity';
import { UserLocale } from '../../src/bot/userLocale';
import { WeltoffenBot } from '../../src/bot/weltoffenBot';
import { BotStateTurnStore } from '../../src/infrastructure/bot/botStateTurnStore';
import { systemClock } from '../../src/infrastructure/clock';
import { defaultRegistry } from '../../src/domain/selbstcheck';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';
import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';
import type { OnboardingMembership } from '../../dialogs/session';
import { AccessService } from '../../src/services/accessService';
import { RoundService } from '../../src/services/roundService';
import type { PrivacyNoticeInfo } from '../../src/i18n/privacyNotice';
import { NO_PRIVACY_NOTICE } from '../support/privacyNotice';

export interface CardAction {
  readonly type: string;
  readonly verb?: string;
  readonly data: Record<string, unknown>;
}
interface CardJson {
  readonly fallbackText?: string;
  readonly body?: readonly { type?: string; id?: string }[];
  readonly actions?: readonly CardAction[];
}

export type ChannelId = 'msteams' | 'webchat';

export interface Conversation {
  readonly store: InMemorySelfCheckStore;
  readonly storage: MemoryStorage;
  readonly adapter: TestAdapter;
  /** Ids of stale dialog stacks the bot reset. */
  readonly resets: string[][];
  /** One turn: the user's text or a card submit (`value`); returns the bot's replies of that turn. */
  say(text: string): Promise<Partial<Activity>[]>;
  submit(value: Record<string, unknown>): Promise<Partial<Activity>[]>;
  /** A Teams Universal Actions click; returns the replies and the card that replaces the clicked one. */
  invoke(data: Record<string, unknown>): Promise<{ replies: Partial<Activity>[]; replacement: CardJson | undefined }>;
  /** The stored answers of the (only) respondent, question id → value. */
  answers(): Record<string, string>;
}

/**
 * The bot as the composition root builds it, over in-memory ports and the given storage, with a TestAdapter
 * speaking as one user in a personal conversation of the given channel.
 */
export function dialogTestAdapter(
  channelId: ChannelId,
  store: InMemorySelfCheckStore,
  storage: MemoryStorage,
  options: {
    aadObjectId?: string;
    onDialogReset?: (ids: readonly string[]) => void;
    /** Role grants (e.g. a lead); none by default. */
    grants?: MemoryAccessRepository;
    /** The operator's Art. 13 information; nothing configured by default. */
    privacyNotice?: PrivacyNoticeInfo;
  } = {},
): TestAdapter {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const selfCheck = new SelfCheckService({
    municipalities: store,
    respondents: store,
    assessments: store,
    answers: store,
    membership: store,
    registry: defaultRegistry,
    clock: systemClock,
  });
  const identity = new TurnIdentity(userState);
  const locale = new UserLocale(userState, selfCheck, identity);
  const grants = options.grants ?? new MemoryAccessRepository();
  const access = new AccessService({ access: grants, respondents: store, bootstrap: { objectIds: [], tenantIds: [] } });
  const rounds = new RoundService({
    access,
    assessments: store,
    rounds: { completeAssessment: async (id, at) => (await store.complete(id, at)) !== undefined },
    // Comparisons and the audit trail are tested on the database (tests/comparisons, tests/audit).
    comparisons: { roundClosed: () => Promise.resolve() },
    audit: { record: () => Promise.resolve() },
    clock: systemClock,
  });
  // Every municipality of the store is offered as if the person's tenant were registered for all of them
  // (a shared tenant); codes, guests and the demo are tested on the database (tests/membership).
  const membership: OnboardingMembership = {
    choices: async () => ({ tenant: (await store.list()).filter((m) => !m.demo), demo: undefined }),
    redeemPending: () => Promise.resolve({ kind: 'none' }),
    namedMunicipality: () => Promise.resolve(undefined),
    resumeCodeMessage: () => Promise.resolve(undefined),
  };
  const bot = new WeltoffenBot({
    conversationState,
    turnStore: new BotStateTurnStore([conversationState, userState]),
    stateConflictRetries: 2,
    mainDialog: new MainDialog({
      service: selfCheck,
      rounds,
      membership,
      localeOf: (ctx) => locale.localeOf(ctx),
      identityOf: (ctx) => identity.of(ctx),
      privacyNotice: options.privacyNotice ?? NO_PRIVACY_NOTICE,
    }),
    locale,
    identity,
    isChannelAuthenticated: () => false,
    onDialogReset: options.onDialogReset,
  });
  return new TestAdapter(async (ctx) => bot.run(ctx), {
    channelId,
    locale: 'de-DE',
    from: { id: 'u1', name: 'User', aadObjectId: options.aadObjectId ?? 'aad-1' },
    conversation: { id: 'c1', tenantId: 't1', conversationType: 'personal', isGroup: false, name: 'c1' },
  });
}

export function startConversation(
  channelId: ChannelId = 'webchat',
  aadObjectId = 'aad-1',
  grants?: MemoryAccessRepository,
): Conversation {
  const store = new InMemorySelfCheckStore();
  const storage = new MemoryStorage();
  const resets: string[][] = [];
  const adapter = dialogTestAdapter(channelId, store, storage, {
    aadObjectId,
    onDialogReset: (ids) => resets.push([...ids]),
    ...(grants ? { grants } : {}),
  });
  const turn = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return {
    store,
    storage,
    adapter,
    resets,
    say: (text) => turn({ type: 'message', text }),
    submit: (value) => turn({ type: 'message', value }),
    async invoke(data) {
      const all = await turn({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: data['verb'], data } },
      });
      const response = all.find((a) => a.type === 'invokeResponse');
      const replacement = (response?.value as { body?: { value?: CardJson } } | undefined)?.body?.value;
      return { replies: all.filter((a) => a.type !== 'invokeResponse'), replacement };
    },
    answers: () => Object.fromEntries([...store.answers.values()].map((a) => [a.questionId, a.value])),
  };
}

export const cardsOf = (replies: readonly Partial<Activity>[]): CardJson[] =>
  replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as CardJson),
  );

/** The question card's question id, if the replies hold one. */
export function questionIdOf(replies: readonly Partial<Activity>[]): string | undefined {
  const question = cardsOf(replies).find((c) => c.actions?.some((a) => a.data['verb'] === 'answer'));
  return question?.actions?.[0]?.data['questionId'] as string | undefined;
}

/** The data of a card action with this verb (first card that has one). */
export function actionData(replies: readonly Partial<Activity>[], verb: string): Record<string, unknown> {
  const found = cardsOf(replies)
    .flatMap((c) => c.actions ?? [])
    .find((a) => a.data['verb'] === verb);
  if (found === undefined) throw new Error(`no card action "${verb}" in the replies`);
  return found.data;
}

/** The ids of a form card's inputs. */
export const formInputsOf = (replies: readonly Partial<Activity>[]): string[] =>
  cardsOf(replies).flatMap((c) =>
    (c.body ?? []).flatMap((e) => (e.type === 'Input.ChoiceSet' && e.id !== undefined ? [e.id] : [])),
  );

/** One line per reply: the text, or `[card] first fallback line {verbs} questionId`. */
export function script(replies: readonly Partial<Activity>[]): string[] {
  return replies.map((r) => {
    const content = r.attachments?.[0]?.content as CardJson | undefined;
    if (content === undefined) return r.text ?? `<${r.type ?? 'activity'}>`;
    return describeCard(content, r.attachments?.[0]?.contentType ?? '');
  });
}

export function describeCard(content: CardJson, contentType = 'application/vnd.microsoft.card.adaptive'): string {
  if (contentType !== 'application/vnd.microsoft.card.adaptive')
    return `[${contentType}] ${JSON.stringify(content).slice(0, 80)}`;
  const first = (content.fallbackText ?? '').split('\n')[0] ?? '';
  const verbs = (content.actions ?? []).map((a) => {
    const verb = a.data['verb'];
    return typeof verb === 'string' ? verb : a.type;
  });
  const questionId = content.actions?.find((a) => typeof a.data['questionId'] === 'string')?.data['questionId'];
  return `[card] ${first}${verbs.length > 0 ? ` {${verbs.join(',')}}` : ''}${typeof questionId === 'string' ? ` ${questionId}` : ''}`;
}

/** Onboarding with the given municipality and role; returns the last turn's replies (incl. the first question). */
export async function onboard(
  c: Conversation,
  municipality = 'Potsdam',
  role = 'Verwaltungsspitze',
): Promise<Partial<Activity>[]> {
  await c.say('start');
  await c.say('ja');
  await c.say(municipality);
  return c.say(role);
}

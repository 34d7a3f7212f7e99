import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { MainDialog } from '../../dialogs/mainDialog';
import { identityKeyOf } from '../../src/bot/teamsActivity';
import { UserLocale } from '../../src/bot/userLocale';
import { WeltoffenBot } from '../../src/bot/weltoffenBot';
import { BotStateTurnStore } from '../../src/infrastructure/bot/botStateTurnStore';
import { defaultRegistry } from '../../src/domain/selbstcheck';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';
import { systemClock } from '../../src/infrastructure/clock';

function setup(channelId: 'msteams' | 'webchat') {
  const store = new InMemorySelfCheckStore();
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const selfCheck = new SelfCheckService({
    municipalities: store,
    respondents: store,
    assessments: store,
    answers: store,
    registry: defaultRegistry,
    clock: systemClock,
  });
  const locale = new UserLocale(userState, selfCheck);
  const bot = new WeltoffenBot({
    conversationState,
    turnStore: new BotStateTurnStore([conversationState, userState]),
    stateConflictRetries: 2,
    mainDialog: new MainDialog({ service: selfCheck, localeOf: (ctx) => locale.localeOf(ctx), identityKeyOf }),
    locale,
  });
  const adapter = new TestAdapter(async (ctx) => bot.run(ctx), {
    channelId,
    locale: 'de-DE',
    from: { id: 'u1', name: 'User', aadObjectId: 'aad-1' },
    conversation: { id: 'c1', tenantId: 't1', conversationType: 'personal', isGroup: false, name: 'c1' },
  });
  return { store, adapter };
}

const questionIdOf = (a: Partial<Activity>): string | undefined => {
  const content = a.attachments?.[0]?.content as { actions?: { data: { questionId?: string } }[] } | undefined;
  return content?.actions?.[0]?.data.questionId;
};

describe.each(['msteams', 'webchat'] as const)('self-check dialogs on %s (in-memory ports)', (channelId) => {
  it('should onboard, walk, pause and resume from the stored answers', async () => {
    const { store, adapter } = setup(channelId);
    await adapter
      .send('start')
      .assertReply((a) => expect(a.text).toContain('Datenschutz'))
      .assertReply((a) => expect(JSON.stringify(a)).toContain('Ja, einverstanden'))
      .send('ja')
      .assertReply((a) => expect(a.text).toContain('1. Landkreis Teltow-Fläming'))
      .send('2')
      .assertReply((a) => expect(JSON.stringify(a)).toContain('Verwaltungsspitze'))
      .send('Verwaltungsspitze')
      .assertReply((a) => expect(a.text).toContain('**Potsdam**'))
      .assertReply((a) => expect(questionIdOf(a)).toBe('MS-01'))
      .send('1')
      .assertReply((a) => expect(questionIdOf(a)).toBe('MS-02'))
      .send('pause')
      .assertReply((a) => expect(a.text).toContain('Pausiert'))
      .send('weiter')
      .assertReply((a) => expect(a.text).toContain('Frage 2'))
      .assertReply((a) => expect(questionIdOf(a)).toBe('MS-02'))
      .startTest();
    const respondent = [...store.respondents.values()][0];
    expect(respondent?.identityKey).toBe(channelId === 'msteams' ? 'aad:t1:aad-1' : 'webchat:u1');
    expect([...store.answers.values()].map((x) => [x.questionId, x.value])).toEqual([['MS-01', 'full']]);
  });
});

import { MemoryStorage, type Activity } from 'botbuilder';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';
import { dialogTestAdapter } from './turnScript';

function setup(channelId: 'msteams' | 'webchat') {
  const store = new InMemorySelfCheckStore();
  const adapter = dialogTestAdapter(channelId, store, new MemoryStorage());
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

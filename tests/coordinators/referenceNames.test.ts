/**
 * Issue #17: conversation references are stored without the person's display name — a Teams channel
 * subscription and the 1:1 chat kept for reminders, both from activities whose `from` carries a name.
 */
import { message, newParticipant, teamsChannel, teamsPersonal } from '../support/activities';
import { startAuthenticatedTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, coordinatorEnv } from './support';

const NAME = 'Erika Mustermann';

describe(`stored conversation references keep no display name (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    // Channel authentication on: references are stored only from authenticated turns.
    svc = await startAuthenticatedTestService(coordinatorEnv());
  });
  afterAll(async () => svc.stop());

  const stored = async (table: 'channel_subscription' | 'personal_conversation', column: string, value: string) =>
    svc.service.db.withSession((s) =>
      s.query<{ reference: { user?: Record<string, unknown> } }>(
        `SELECT reference FROM ${table} WHERE ${column} = $1`,
        [value],
      ),
    );

  it('a channel subscription stores the reference with the user id but without from.name', async () => {
    const p = newParticipant({ aadObjectId: COORDINATOR_OID, conversationId: `19:names-${Date.now()}@thread.tacv2` });
    const activity = teamsChannel(p, {
      type: 'message',
      text: '<at>Weltoffen-Bot</at> abonnieren alle',
      entities: [
        {
          type: 'mention',
          text: '<at>Weltoffen-Bot</at>',
          mentioned: { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' },
        },
      ],
      from: { id: p.userId, name: NAME, aadObjectId: COORDINATOR_OID },
    });
    expect(JSON.stringify(await svc.replies(activity))).toContain('alle Kommunen');
    const rows = await stored('channel_subscription', 'conversation_id', p.conversationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reference.user).toEqual({ id: p.userId, aadObjectId: COORDINATOR_OID });
    expect(JSON.stringify(rows)).not.toContain('Erika');
  });

  it('the 1:1 chat kept for reminders stores the reference without from.name', async () => {
    const p = newParticipant({ aadObjectId: 'names-resp-4242' });
    const say = (text: string) =>
      svc.replies({
        ...message(teamsPersonal, p, text),
        from: { id: p.userId, name: NAME, aadObjectId: p.aadObjectId },
      });
    await say('start');
    await say('ja');
    await say('Kiel');
    const rows = await stored('personal_conversation', 'identity_key', 'aad:tenant-1:names-resp-4242');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reference.user).toEqual({ id: p.userId, aadObjectId: 'names-resp-4242' });
    expect(JSON.stringify(rows)).not.toContain('Erika');
  });
});

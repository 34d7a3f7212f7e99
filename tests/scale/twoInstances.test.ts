/**
 * two service instances on one PostgreSQL behind a load balancer without sticky sessions.
 * Turns of the same conversations alternate between the instances and also arrive at both at once;
 * both instances run an outbox sender. Only meaningful on a real server: runs when TEST_DATABASE_URL
 * is set (CI's second run), skipped on the embedded database, which cannot be shared by two processes.
 */
import { inviteCode } from '../support/membership';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { currentQuestionnaire, nextQuestion, type AnswerMap } from '../../src/domain/selbstcheck';
import { message, newParticipant, webchat, type Participant } from '../support/activities';
import {
  TestCredentialsFactory,
  authenticatedEnv,
  baseEnv,
  channelToken,
  type ReplyActivity,
} from '../support/service';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';
import { FakeConnector, waitFor } from '../coordinators/fakeConnector';
import { COORDINATOR_OID, TENANT, channelMember } from '../coordinators/support';
import { teamsChannel } from '../support/activities';

interface Instance {
  readonly service: RunningService;
  readonly url: string;
}

const q = currentQuestionnaire();
const RESPONDENTS = 6;
const ANSWERS_EACH = 16; // more than the 13 questions of MS, so everyone completes one field

const questionOf = (replies: readonly ReplyActivity[]): { id: string; data: Record<string, unknown> } | undefined => {
  for (const r of replies) {
    for (const a of r.attachments ?? []) {
      const actions = (a.content as { actions?: { data?: Record<string, unknown> }[] } | undefined)?.actions ?? [];
      const answer = actions.find((x) => x.data?.['verb'] === 'answer');
      if (answer?.data) return { id: String(answer.data['questionId']), data: answer.data };
    }
  }
  return undefined;
};

(usingPostgres ? describe : describe.skip)('two instances on one PostgreSQL, no sticky sessions', () => {
  let db: TestDatabase;
  let connector: FakeConnector;
  let idp: LocalIdentityProvider;
  const instances: Instance[] = [];
  const logLines: string[] = [];
  const latencies: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    connector = await new FakeConnector().start();
    // Channel authentication on: the subscriptions are stored only from authenticated turns.
    idp = await startLocalIdentityProvider();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(
          ...chunk
            .toString()
            .split('\n')
            .filter((l) => l !== ''),
        );
        done();
      },
    });
    for (let i = 0; i < 2; i++) {
      const config = loadConfig(
        baseEnv({
          DATABASE_URL: db.target.kind === 'postgres' ? db.target.url : '',
          COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
          COORDINATOR_TENANT_IDS: TENANT,
          OUTBOX_POLL_MS: '100',
          ...authenticatedEnv(idp, [connector.url]),
        }),
      );
      const service = await startService(config, {
        database: db.openOptions,
        logger: pino({ level: 'info', base: { instance: i } }, sink),
        credentialsFactory: new TestCredentialsFactory(),
      });
      instances.push({ service, url: `http://127.0.0.1:${service.port}` });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.service.stop()));
    await connector?.stop();
    await idp?.close();
    await db?.dispose();
  });

  async function turn(instance: Instance, activity: object): Promise<ReplyActivity[]> {
    const started = performance.now();
    const res = await fetch(`${instance.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${channelToken(idp, activity)}` },
      body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
    });
    latencies.push(performance.now() - started);
    expect(res.status).toBe(200);
    return ((await res.json()) as { activities: ReplyActivity[] }).activities.filter((a) => a.type !== 'trace');
  }

  it('loses no answer, sends no reply twice, keeps state consistent and posts each proactive card once', async () => {
    const [a, b] = instances as [Instance, Instance];
    // A coordinator subscribes one channel per municipality (through different instances).
    const channels = ['Potsdam', 'Kiel'].map((name) => ({
      name,
      member: channelMember(connector.url, COORDINATOR_OID),
    }));
    for (const [i, c] of channels.entries()) {
      const replies = await turn(
        instances.at(i % 2)!,
        teamsChannel(c.member, {
          type: 'message',
          text: `<at>Weltoffen-Bot</at> abonnieren ${c.name}`,
          entities: [
            {
              type: 'mention',
              text: '<at>Weltoffen-Bot</at>',
              mentioned: { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' },
            },
          ],
        }),
      );
      expect(JSON.stringify(replies)).toContain(c.name);
    }

    const started = performance.now();
    const people: Participant[] = Array.from({ length: RESPONDENTS }, () => newParticipant());
    const sent = new Map<string, AnswerMap>();
    const lastAsked = new Map<string, string | undefined>();
    let turns = 0;
    await Promise.all(
      people.map(async (p, index) => {
        const municipality = index % 2 === 0 ? 'Potsdam' : 'Kiel';
        let n = index; // alternate instances per turn, starting differently per person
        const next = () => instances.at(n++ % 2)!;
        const code = await inviteCode(a.service.db.prisma, municipality);
        for (const text of ['start', 'ja', code]) {
          await turn(next(), message(webchat, p, text));
          turns++;
        }
        let replies = await turn(next(), message(webchat, p, 'Verwaltungsspitze'));
        turns++;
        const answers: Record<string, 'full' | 'partial'> = {};
        for (let i = 0; i < ANSWERS_EACH; i++) {
          const asked = questionOf(replies);
          expect(asked).toBeDefined();
          const value = i % 2 === 0 ? 'full' : 'partial';
          if (i % 4 === 3) {
            // The same card submitted at both instances at the same moment (a double click through two nodes).
            const both = await Promise.all(
              [a, b].map((inst) =>
                turn(inst, webchat(p, { type: 'message', value: { ...asked!.data, answer: value } })),
              ),
            );
            turns += 2;
            const nextIds = both
              .map(questionOf)
              .filter((x) => x !== undefined)
              .map((x) => x.id);
            // Whichever turn won, the question after it is the same; none of the replies names the answered question again.
            expect(new Set(nextIds).size).toBe(1);
            replies = both.find((r) => questionOf(r) !== undefined) ?? both.at(0)!;
          } else {
            replies = await turn(next(), message(webchat, p, value === 'full' ? '1' : '2'));
            turns++;
          }
          answers[asked!.id] = value;
          // No reply was delivered twice within one turn (held back until the state save won).
          const ids = replies.map((r) => JSON.stringify(r.attachments ?? r.text));
          expect(new Set(ids).size).toBe(ids.length);
        }
        sent.set(`webchat:${p.userId}`, answers);
        lastAsked.set(`webchat:${p.userId}`, questionOf(replies)?.id);
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Every answer sent is stored exactly, once, with one history row each (no retried duplicates).
    const prisma = instances.at(0)!.service.db.prisma;
    for (const [identityKey, answers] of sent) {
      const rows = await prisma.answer.findMany({ where: { respondent: { identityKey } }, include: { history: true } });
      expect(Object.fromEntries(rows.map((r) => [r.questionId, r.value]))).toEqual(answers);
      expect(rows.every((r) => r.history.length === 1)).toBe(true);
      // The next question asked is the first unanswered one.
      expect(lastAsked.get(identityKey)).toBe(nextQuestion(q, answers, {})?.id);
    }
    // State consistent: one conversation-state row per conversation, readable by either instance.
    for (const p of people) {
      const [x, y] = await Promise.all([
        turn(a, message(webchat, p, 'status')),
        turn(b, message(webchat, p, 'status')),
      ]);
      expect(x.map((r) => r.text)).toEqual(y.map((r) => r.text));
    }

    // Each respondent completed field MS: one card per respondent per subscribed channel, posted once although
    // both instances run a sender.
    for (const [i, c] of channels.entries()) {
      const expected = people.filter((_p, index) => index % 2 === i).length;
      await waitFor(() => connector.successfulPosts(c.member.conversationId).length >= expected, 30_000);
      await new Promise((r) => setTimeout(r, 800)); // room for a wrong second post
      expect(connector.successfulPosts(c.member.conversationId)).toHaveLength(expected);
    }
    const workers = new Set((await prisma.outboxDelivery.findMany({ select: { worker: true } })).map((d) => d.worker));

    const conflicts = logLines.filter((l) => l.includes('state conflict')).length;
    const sorted = [...latencies].sort((x, y) => x - y);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    console.log(
      `two instances: ${turns} turns in ${seconds.toFixed(1)} s (${(turns / seconds).toFixed(0)} turns/s), p95 ${p95.toFixed(0)} ms, ` +
        `${conflicts} state conflicts retried, deliveries by ${workers.size} worker(s)`,
    );
    // The double submits really raced: at least one turn lost its eTag and was run again.
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);
});

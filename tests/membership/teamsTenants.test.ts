/**
 * Membership in Teams through a registered tenant, with channel authentication on (tokens signed on
 * loopback, the Bot Connector faked on 127.0.0.1): users of a registered tenant belong without a code,
 * guests and users of other tenants do not, and nothing rests on a tenant an unauthenticated turn claims.
 * A lead closing the round in chat is announced in the subscribed channel.
 */
import { message, newParticipant, teamsPersonal, type Participant } from '../support/activities';
import {
  startAuthenticatedTestService,
  startTestService,
  type ReplyActivity,
  type TestService,
} from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { FakeConnector, waitFor } from '../coordinators/fakeConnector';
import { COORDINATOR_OID, TENANT, channelMember, coordinatorEnv, inChannel } from '../coordinators/support';
import { inviteCode } from '../support/membership';

const textOf = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

/** The roster entry Teams returns for the sender (GET …/members/{id}); `userRole` tells guests apart. */
function rosterSays(connector: FakeConnector, p: Participant, userRole: 'user' | 'guest'): void {
  connector.script(p.conversationId, {
    status: 200,
    body: { id: p.userId, aadObjectId: p.aadObjectId, name: 'Test User', userRole },
  });
}

describe(`membership through registered tenants in Teams (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let connector: FakeConnector;
  let svc: TestService;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    svc = await startAuthenticatedTestService(coordinatorEnv(), [connector.url]);
  });
  afterAll(async () => {
    await svc.stop();
    await connector.stop();
  });
  const prisma = () => svc.service.db.prisma;
  const person = (oid: string) => newParticipant({ aadObjectId: oid, serviceUrl: connector.url });
  const say = async (p: Participant, text: string) => textOf(await svc.replies(message(teamsPersonal, p, text)));
  const respondentOf = (p: Participant) =>
    prisma().respondent.findUnique({ where: { identityKey: `aad:${TENANT}:${p.aadObjectId}` } });

  it('asks a Teams user of an unregistered tenant for a code', async () => {
    const p = person('tenant-user-0001');
    await say(p, 'start');
    const prompt = await say(p, 'ja');
    expect(prompt).toContain('Einladungscode');
    expect(prompt).toContain('1. Musterstadt (Demo)');
    expect(await say(p, 'Bochum')).toContain('Um für **Bochum** zu antworten, brauchen Sie einen Einladungscode');
    expect(await respondentOf(p)).toMatchObject({ municipalityId: null, membership: null });
  });

  it('lets a member of a registered tenant in without a code, and asks a guest of that tenant for one', async () => {
    await prisma().municipalityTenant.create({
      data: { municipalityId: 'bochum', tenantId: TENANT, createdBy: 'test' },
    });
    try {
      const member = person('tenant-user-0002');
      await say(member, 'start');
      rosterSays(connector, member, 'user');
      const joined = await say(member, 'ja');
      expect(joined).toContain('Welche Funktion haben Sie?');
      expect(joined).not.toContain('Einladungscode');
      expect(await say(member, 'Andere Funktion')).toContain('Sie antworten für **Bochum**');
      expect(await respondentOf(member)).toMatchObject({ municipalityId: 'bochum', membership: 'tenant' });

      const guest = person('tenant-guest-0003');
      await say(guest, 'start');
      rosterSays(connector, guest, 'guest');
      const asked = await say(guest, 'ja');
      expect(asked).toContain('Einladungscode');
      expect(asked).not.toContain('Bochum');
      expect(await respondentOf(guest)).toMatchObject({ municipalityId: null, membership: null });
    } finally {
      await prisma().municipalityTenant.deleteMany({ where: { tenantId: TENANT } });
    }
  });

  it('lets people choose among the municipalities that share their tenant (a municipal IT provider)', async () => {
    await prisma().municipalityTenant.createMany({
      data: ['iserlohn', 'aachen'].map((municipalityId) => ({ municipalityId, tenantId: TENANT, createdBy: 'test' })),
    });
    try {
      const p = person('tenant-user-0004');
      await say(p, 'start');
      rosterSays(connector, p, 'user');
      const prompt = await say(p, 'ja');
      expect(prompt).toContain('gehört zu mehreren teilnehmenden Kommunen');
      expect(prompt).toMatch(/1\. Aachen[^]*2\. Iserlohn[^]*3\. Musterstadt \(Demo\)/);
      expect(prompt).not.toContain('Potsdam');
      rosterSays(connector, p, 'user');
      expect(await say(p, 'Iserlohn')).toContain('Welche Funktion');
      expect(await respondentOf(p)).toMatchObject({ municipalityId: 'iserlohn', membership: 'tenant' });
    } finally {
      await prisma().municipalityTenant.deleteMany({ where: { tenantId: TENANT } });
    }
  });

  it('announces a round closed by the lead in chat in the subscribed channel', async () => {
    const channel = channelMember(connector.url, COORDINATOR_OID);
    expect(await inChannel(svc, channel, 'abonnieren Erlangen')).toContain('Erlangen');
    const lead = person('erlangen-lead-0005');
    await say(lead, 'start');
    await say(lead, 'ja');
    await say(lead, await inviteCode(prisma(), 'Erlangen', 'lead'));
    await say(lead, 'Andere Funktion');
    await say(lead, '1');
    connector.reset();
    expect(await say(lead, 'abschließen')).toContain('Die Runde 1 des Selbstchecks ist abgeschlossen');
    await waitFor(() => connector.successfulPosts(channel.conversationId).length >= 1);
    expect(JSON.stringify(connector.posts(channel.conversationId).at(0)!.body)).toContain('Erlangen');
  });
});

describe(`a tenant claimed by an unauthenticated turn counts for nothing (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv());
  });
  afterAll(async () => svc.stop());

  it('asks for a code in local mode even when the activity names a registered tenant', async () => {
    await svc.service.db.prisma.municipalityTenant.create({
      data: { municipalityId: 'kiel', tenantId: TENANT, createdBy: 'test' },
    });
    const p = newParticipant({ aadObjectId: 'local-tenant-0006' });
    await svc.replies(message(teamsPersonal, p, 'start'));
    const prompt = textOf(await svc.replies(message(teamsPersonal, p, 'ja')));
    expect(prompt).toContain('Einladungscode');
    expect(prompt).not.toContain('Kiel');
  });
});

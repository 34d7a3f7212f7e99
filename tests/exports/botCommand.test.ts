/**
 * The export command in the running service, as Teams sends it: in a personal chat an opaque single-use link
 * with nothing personal in it (checked on the actual reply), in a channel no link at all but the dashboard's
 * deep link; strangers get neither.
 */
import { randomUUID } from 'node:crypto';
import { newParticipant, teamsChannel } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import {
  COORDINATOR_OID,
  TEAMS_APP_ID,
  TENANT,
  allText,
  channelMember,
  completeFirstField,
  coordinatorEnv,
  inChannel,
  inPersonal,
} from '../coordinators/support';
import { exportTexts } from '../../src/i18n/exportCatalog';

const DOWNLOAD_LINK = /https:\/\/bot\.example\.org\/download\/#([A-Za-z0-9_-]+)/;

describe(`export by bot command in Teams (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: 'https://bot.example.org/' }));
    await completeFirstField(svc, 'Potsdam');
  });
  afterAll(async () => svc.stop());

  const redeem = (token: string) =>
    fetch(`${svc.url}/api/downloads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });

  it('gives a coordinator in a personal chat a single-use link with nothing personal in it', async () => {
    const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'http://127.0.0.1:9' });
    const reply = await inPersonal(svc, coordinator, 'export Potsdam csv');
    const match = DOWNLOAD_LINK.exec(reply);
    expect(match).not.toBeNull();
    const token = match![1]!;
    expect(token).toHaveLength(43);
    expect(reply).toContain('15 Minuten und für einen Download');
    // Every URL in the reply (text and card): none carries the person, the tenant or the municipality.
    const urls = reply.match(/https?:\/\/[^\s"\\)]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      for (const personal of [COORDINATOR_OID, TENANT, 'aad', 'potsdam', '?']) expect(url).not.toContain(personal);
    }

    const res = await redeem(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await res.text()).split(/\r?\n/).length).toBeGreaterThan(10);
    const replay = await redeem(token);
    expect(replay.status).toBe(410);
    expect(await replay.json()).toMatchObject({ code: 'LinkUsed' });

    // In the audit trail: issue and download, under a pseudonym.
    const events = await svc.service.db.prisma.auditEvent.findMany({
      where: { action: { in: ['export_issued', 'export_downloaded'] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.action, e.municipalityId, e.detail])).toEqual([
      ['export_issued', 'potsdam', { format: 'csv', via: 'link' }],
      ['export_downloaded', 'potsdam', { format: 'csv', via: 'link' }],
    ]);
    expect(events[0]!.actor).toMatch(/^P-/);
    expect(events[1]!.actor).toBe(events[0]!.actor);
  });

  it('posts no download link into a channel, but the municipality in the dashboard', async () => {
    const links = await svc.service.db.prisma.downloadLink.count();
    const coordinator = channelMember('http://127.0.0.1:9', COORDINATOR_OID);
    const reply = await inChannel(svc, coordinator, 'export Potsdam csv');
    expect(reply).not.toContain('/download/');
    expect(reply).toContain(exportTexts('de').dashboardCardTitle);
    expect(reply).toContain(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/dashboard?context=`);
    // A group chat is a shared conversation too.
    const groupChat = teamsChannel(newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'http://127.0.0.1:9' }), {
      type: 'message',
      text: 'export Potsdam pdf',
      conversation: {
        id: `19:${randomUUID()}@thread.v2`,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: TENANT,
      },
      channelData: { tenant: { id: TENANT } },
    });
    const inGroup = allText(await svc.replies(groupChat));
    expect(inGroup).not.toContain('/download/');
    expect(inGroup).toContain(exportTexts('de').dashboardCardTitle);
    expect(await svc.service.db.prisma.downloadLink.count()).toBe(links);
  });

  it('gives a stranger neither a link nor the dashboard card', async () => {
    const stranger = channelMember('http://127.0.0.1:9', 'someone-else', newParticipant().conversationId);
    const denied = await inChannel(svc, stranger, 'export Potsdam csv');
    expect(denied).not.toMatch(DOWNLOAD_LINK);
    expect(denied).not.toContain(exportTexts('de').linkCardTitle);
    expect(denied).not.toContain(exportTexts('de').dashboardCardTitle);
    const personalStranger = newParticipant({ aadObjectId: 'someone-else', serviceUrl: 'http://127.0.0.1:9' });
    expect(await inPersonal(svc, personalStranger, 'export Potsdam csv')).not.toMatch(DOWNLOAD_LINK);
  });
});

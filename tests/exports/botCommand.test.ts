import { newParticipant } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, channelMember, completeFirstField, coordinatorEnv, inChannel } from '../coordinators/support';
import { exportTexts } from '../../src/i18n/exportCatalog';

const LINK = /\/api\/exports\/potsdam\/answers\.csv\?[^\s"\\)]+/;

describe(`export by bot command in Teams (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: 'https://bot.example.org/' }));
    await completeFirstField(svc, 'Potsdam');
  });
  afterAll(async () => svc.stop());

  it('gives a coordinator a signed link that downloads the CSV, and a stranger nothing', async () => {
    const coordinator = channelMember('http://127.0.0.1:9', COORDINATOR_OID);
    const reply = await inChannel(svc, coordinator, 'export Potsdam csv');
    expect(reply).toContain('https://bot.example.org/api/exports/potsdam/answers.csv?');
    const path = LINK.exec(reply)?.[0];
    expect(path).toBeDefined();
    const res = await fetch(`${svc.url}${path!}`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split(/\r?\n/).length).toBeGreaterThan(10);
    // The same link with its signature changed is refused.
    expect((await fetch(`${svc.url}${path!.replace(/sig=[^&]+/, 'sig=AAAA')}`)).status).toBe(401);

    const stranger = channelMember('http://127.0.0.1:9', 'someone-else', newParticipant().conversationId);
    const denied = await inChannel(svc, stranger, 'export Potsdam csv');
    expect(denied).not.toMatch(LINK);
    expect(denied).not.toContain(exportTexts('de').linkCardTitle);
  });
});

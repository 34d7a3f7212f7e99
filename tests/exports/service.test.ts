import { ConfigError, loadConfig } from '../../src/config';
import { startTestService, type TestService } from '../support/service';

describe('exports in the running service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ WEBCHAT_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => svc.stop());

  it('serves the public blank questionnaire and refuses data without credentials or with a forged link', async () => {
    const q = await fetch(`${svc.url}/api/exports/questionnaire/MS.pdf?lang=en`);
    expect(q.status).toBe(200);
    expect(q.headers.get('content-type')).toBe('application/pdf');
    const anonymous = await fetch(`${svc.url}/api/exports/potsdam/answers.csv`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: 'Unauthorized', message: expect.any(String) as unknown });
    const forged = await fetch(`${svc.url}/api/exports/potsdam/answers.csv?exp=9999999999&iss=YQ&sig=AAAA`);
    expect(forged.status).toBe(401);
  });
});

describe('export configuration', () => {
  it('reads the link secret and lifetime and rejects short secrets', () => {
    expect(loadConfig({}).exports).toEqual({ linkSecret: undefined, linkTtlSeconds: 900 });
    const c = loadConfig({ EXPORT_LINK_SECRET: 's'.repeat(32), EXPORT_LINK_TTL_SECONDS: '300' });
    expect(c.exports).toEqual({ linkSecret: 's'.repeat(32), linkTtlSeconds: 300 });
    expect(() => loadConfig({ EXPORT_LINK_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ EXPORT_LINK_TTL_SECONDS: '5' })).toThrow(ConfigError);
  });
});

import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const cwd = '/srv/bot';

describe('loadConfig', () => {
  it('defaults to local mode on an embedded database under ./.data', () => {
    const c = loadConfig({}, cwd);
    expect(c.bot.localMode).toBe(true);
    expect(c.http).toEqual({ port: 3978, host: '0.0.0.0', maxBodyBytes: 262144, shutdownTimeoutMs: 10000, publicBaseUrl: 'http://localhost:3978' });
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }, cwd).http.publicBaseUrl).toBe('https://bot.example.org');
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.join(cwd, '.data', 'pglite') });
    expect(c.logLevel).toBe('info');
  });

  it('uses PostgreSQL for a postgresql:// URL and PGlite for pglite: URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/x' }, cwd).database).toEqual({ kind: 'postgres', url: 'postgresql://u@db:5432/x' });
    expect(loadConfig({ DATABASE_URL: 'pglite:memory' }, cwd).database).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(loadConfig({ DATABASE_URL: 'pglite:./db' }, cwd).database).toEqual({ kind: 'pglite', dataDir: path.join(cwd, 'db') });
  });

  it('turns channel authentication on with an app id', () => {
    const c = loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' }, cwd);
    expect(c.bot).toMatchObject({ localMode: false, appId: 'id', appType: 'SingleTenant', tenantId: 't' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgresql/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ MicrosoftAppType: 'Global' }, /MicrosoftAppType/],
    [{ MicrosoftAppId: 'id' }, /MicrosoftAppPassword is required/],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required/],
    [{ MAX_BODY_BYTES: '12' }, /MAX_BODY_BYTES/],
    [{ BOT_OPENID_METADATA_URL: 'not a url' }, /BOT_OPENID_METADATA_URL/],
    [{ PUBLIC_BASE_URL: 'bot.example.org' }, /PUBLIC_BASE_URL/],
    [{ TEAMS_APP_ID: 'weltoffen-bot' }, /TEAMS_APP_ID must be the Teams app id/],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrow(expected);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ MicrosoftAppId: '', DATABASE_URL: '', LOG_LEVEL: '' }, cwd).bot.localMode).toBe(true);
  });
});

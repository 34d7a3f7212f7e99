import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const cwd = '/srv/bot';

describe('loadConfig', () => {
  it('defaults to local mode on an embedded database under ./.data', () => {
    const c = loadConfig({}, cwd);
    expect(c.bot.localMode).toBe(true);
    // without channel authentication the service listens on loopback by default.
    expect(c.http).toEqual({
      port: 3978,
      host: '127.0.0.1',
      maxBodyBytes: 262144,
      shutdownTimeoutMs: 10000,
      publicBaseUrl: 'http://localhost:3978',
    });
    expect(c.bot).toMatchObject({ mode: 'local-only', unauthenticatedRemote: false });
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }, cwd).http.publicBaseUrl).toBe(
      'https://bot.example.org',
    );
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.join(cwd, '.data', 'pglite') });
    expect(c.logLevel).toBe('info');
  });

  it('uses PostgreSQL for a postgresql:// URL and PGlite for pglite: URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/x' }, cwd).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@db:5432/x',
    });
    expect(loadConfig({ DATABASE_URL: 'pglite:memory' }, cwd).database).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(loadConfig({ DATABASE_URL: 'pglite:./db' }, cwd).database).toEqual({
      kind: 'pglite',
      dataDir: path.join(cwd, 'db'),
    });
  });

  it('turns channel authentication on with an app id', () => {
    const c = loadConfig(
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' },
      cwd,
    );
    expect(c.bot).toMatchObject({ localMode: false, appId: 'id', appType: 'SingleTenant', tenantId: 't' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgresql/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ MicrosoftAppType: 'Global' }, /MicrosoftAppType/],
    [{ MicrosoftAppId: 'id' }, /MicrosoftAppPassword is required/],
    [
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
      /MicrosoftAppTenantId is required/,
    ],
    [{ MAX_BODY_BYTES: '12' }, /MAX_BODY_BYTES/],
    [{ BOT_OPENID_METADATA_URL: 'not a url' }, /BOT_OPENID_METADATA_URL/],
    [{ PUBLIC_BASE_URL: 'bot.example.org' }, /PUBLIC_BASE_URL/],
    [{ TEAMS_APP_ID: 'weltoffen-bot' }, /TEAMS_APP_ID must be the Teams app id/],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrow(expected);
  });

  describe('trust modes', () => {
    const app = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' };
    const problems = (env: NodeJS.ProcessEnv): string => {
      try {
        loadConfig(env, cwd);
      } catch (err) {
        if (err instanceof ConfigError) return err.message;
        throw err;
      }
      return '';
    };

    it('listens everywhere by default with an app id, on loopback without one', () => {
      expect(loadConfig(app, cwd).http.host).toBe('0.0.0.0');
      expect(loadConfig(app, cwd).bot.mode).toBe('teams');
      expect(loadConfig({}, cwd).http.host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '::1' }, cwd).bot.unauthenticatedRemote).toBe(false);
      expect(loadConfig({ HOST: 'localhost' }, cwd).bot.unauthenticatedRemote).toBe(false);
      expect(loadConfig({ ...app, HOST: '192.0.2.1' }, cwd).http.host).toBe('192.0.2.1');
    });

    it('refuses another HOST in local mode unless ALLOW_UNAUTHENTICATED_REMOTE=true', () => {
      for (const HOST of ['0.0.0.0', '::', '192.0.2.1']) {
        expect(problems({ HOST })).toMatch(
          /HOST is .* but MicrosoftAppId is not set.*ALLOW_UNAUTHENTICATED_REMOTE=true/,
        );
        expect(problems({ HOST, ALLOW_UNAUTHENTICATED_REMOTE: 'false' })).toMatch(/ALLOW_UNAUTHENTICATED_REMOTE/);
      }
      const c = loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true' }, cwd);
      expect(c.http.host).toBe('0.0.0.0');
      expect(c.bot).toMatchObject({ mode: 'local-only', unauthenticatedRemote: true });
      expect(problems({ ALLOW_UNAUTHENTICATED_REMOTE: 'yes' })).toMatch(/ALLOW_UNAUTHENTICATED_REMOTE/);
    });

    it('refuses NODE_ENV=production without an app id, naming MicrosoftAppId, unless WEB_CHAT_ONLY=true', () => {
      expect(problems({ NODE_ENV: 'production' })).toMatch(/MicrosoftAppId is required when NODE_ENV=production/);
      // ALLOW_UNAUTHENTICATED_REMOTE does not make production acceptable.
      expect(problems({ NODE_ENV: 'production', HOST: '127.0.0.1', ALLOW_UNAUTHENTICATED_REMOTE: 'true' })).toMatch(
        /MicrosoftAppId/,
      );
      expect(loadConfig({ ...app, NODE_ENV: 'production' }, cwd).bot.mode).toBe('teams');
      const webChatOnly = loadConfig({ NODE_ENV: 'production', WEB_CHAT_ONLY: 'true' }, cwd);
      expect(webChatOnly.bot.mode).toBe('web-chat-only');
      // No /api/messages: binding to every interface is fine.
      expect(webChatOnly.http.host).toBe('0.0.0.0');
      expect(webChatOnly.bot.unauthenticatedRemote).toBe(false);
    });

    it('refuses WEB_CHAT_ONLY=true together with an app id, Azure Direct Line or without the web chat', () => {
      expect(problems({ ...app, WEB_CHAT_ONLY: 'true' })).toMatch(
        /WEB_CHAT_ONLY must not be true when MicrosoftAppId is set/,
      );
      expect(problems({ WEB_CHAT_ONLY: 'true', DIRECT_LINE_SECRET: 'secret' })).toMatch(
        /WEB_CHAT_ONLY must not be true with DIRECT_LINE_SECRET/,
      );
      expect(problems({ WEB_CHAT_ONLY: 'true', WEBCHAT_ENABLED: 'false' })).toMatch(
        /WEB_CHAT_ONLY must not be true when WEBCHAT_ENABLED=false/,
      );
      expect(loadConfig({ ...app, WEB_CHAT_ONLY: 'false' }, cwd).bot.mode).toBe('teams');
    });

    it('allows loopback serviceUrls only in local mode and reads BOT_SERVICE_URL_HOSTS', () => {
      expect(loadConfig({}, cwd).bot.serviceUrls.allowLoopback).toBe(true);
      expect(loadConfig(app, cwd).bot.serviceUrls.allowLoopback).toBe(false);
      expect(loadConfig({ WEB_CHAT_ONLY: 'true' }, cwd).bot.serviceUrls.allowLoopback).toBe(false);
      const c = loadConfig({ ...app, BOT_SERVICE_URL_HOSTS: 'bots.example.org, http://127.0.0.1:4001' }, cwd).bot
        .serviceUrls;
      expect(c.hosts).toEqual(expect.arrayContaining(['smba.trafficmanager.net', 'bots.example.org']));
      expect(c.origins).toEqual(['http://127.0.0.1:4001']);
      expect(problems({ BOT_SERVICE_URL_HOSTS: 'http://bots.example.org' })).toMatch(
        /BOT_SERVICE_URL_HOSTS .*must use https/,
      );
    });
  });

  it('reads INVITATION_TTL_DAYS (whole days 1–90, default 14) and names it when out of range', () => {
    expect(loadConfig({}, cwd).invitations).toEqual({ ttlDays: 14 });
    expect(loadConfig({ INVITATION_TTL_DAYS: '30' }, cwd).invitations.ttlDays).toBe(30);
    expect(loadConfig({ INVITATION_TTL_DAYS: '' }, cwd).invitations.ttlDays).toBe(14);
    for (const bad of ['0', '91', '7.5', 'zwei'])
      expect(() => loadConfig({ INVITATION_TTL_DAYS: bad }, cwd)).toThrow(/INVITATION_TTL_DAYS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ MicrosoftAppId: '', DATABASE_URL: '', LOG_LEVEL: '' }, cwd).bot.localMode).toBe(true);
  });

  it('resets demo sandboxes after DEMO_RESET_HOURS (a day unless set; 1 to 720 hours)', () => {
    expect(loadConfig({}, cwd).demo).toEqual({ resetHours: 24 });
    expect(loadConfig({ DEMO_RESET_HOURS: '6' }, cwd).demo).toEqual({ resetHours: 6 });
    for (const bad of ['0', '721', 'a day'])
      expect(() => loadConfig({ DEMO_RESET_HOURS: bad }, cwd)).toThrow(/DEMO_RESET_HOURS/);
  });
});

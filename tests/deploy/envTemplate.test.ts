import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');

/** The variables of config.ts's environment schema, read from its source (the schema is private). */
function configVariables(): string[] {
  // The schema of the environment that src/config.ts validates (kept in its own module).
  const source = readFileSync(path.join(ROOT, 'src', 'config', 'envSchema.ts'), 'utf8');
  const start = source.indexOf('const envSchema = z');
  const block = source.slice(start, source.indexOf('.superRefine', start));
  return [...block.matchAll(/^ {4}([A-Za-z_]+):/gm)].map((m) => m[1] ?? '');
}

describe('deploy/env.TEMPLATE', () => {
  const template = readFileSync(path.join(ROOT, 'deploy', 'env.TEMPLATE'), 'utf8');
  const listed = new Set([...template.matchAll(/^#? ?([A-Za-z_]+)=/gm)].map((m) => m[1]));

  it('names every variable the configuration reads', () => {
    const variables = configVariables();
    expect(variables.length).toBeGreaterThan(30);
    expect(variables.filter((v) => !listed.has(v))).toEqual([]);
  });

  // Changed on purpose: copied unchanged, the template is production serving the web chat only;
  // it used to start in local mode without channel authentication.
  it('starts in web-chat-only production mode when copied to .env unchanged (empty values count as unset)', () => {
    const env: Record<string, string> = {};
    for (const m of template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) env[m[1] ?? ''] = m[2] ?? '';
    const config = loadConfig(env);
    expect(config.bot.localMode).toBe(true);
    expect(config.production).toBe(true);
    expect(config.bot.mode).toBe('web-chat-only');
  });

  it('has values config.ts accepts once the placeholders are filled (Teams: with WEB_CHAT_ONLY=false)', () => {
    const env: Record<string, string> = {};
    for (const m of template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) if (m[2] !== '') env[m[1] ?? ''] = m[2] ?? '';
    const registration = {
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    };
    expect(loadConfig({ ...env, ...registration, WEB_CHAT_ONLY: 'false' }).bot.mode).toBe('teams');
    // A registration alone is refused with a message naming WEB_CHAT_ONLY, rather than silently serving no Teams.
    expect(() => loadConfig({ ...env, ...registration })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, ...registration })).toThrow(
      /WEB_CHAT_ONLY must not be true when MicrosoftAppId is set/,
    );
  });
});

describe('deploy/compose.yaml', () => {
  const compose = readFileSync(path.join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
  const template = readFileSync(path.join(ROOT, 'deploy', 'env.TEMPLATE'), 'utf8');

  /**
   * The bot container's environment: deploy/.env (env_file) under the service's `environment:` entries,
   * which win, interpolated with what the shell exported over deploy/.env (compose reads the project
   * directory's .env for interpolation; `${X:-d}` takes d when X is unset or empty).
   */
  function botEnvironment(dotEnv: Record<string, string>, exported: Record<string, string>): Record<string, string> {
    const bot = compose.slice(compose.indexOf('\n  bot:'));
    const block = bot.slice(bot.indexOf('    environment:'), bot.indexOf('\n    ports:'));
    const env: Record<string, string> = { ...dotEnv };
    const interpolation: Record<string, string> = { ...dotEnv, ...exported };
    for (const m of block.matchAll(/^ {6}([A-Za-z_]+): (.*)$/gm)) {
      env[m[1] ?? ''] = (m[2] ?? '').replace(
        /\$\{([A-Za-z_]+)(?::-([^}]*))?\}/g,
        (_all, name: string, fallback?: string) =>
          interpolation[name] !== undefined && interpolation[name] !== '' ? interpolation[name] : (fallback ?? ''),
      );
    }
    return env;
  }
  const unchangedTemplate = (): Record<string, string> =>
    Object.fromEntries([...template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));

  // Changed on purpose: the container defaults to web chat only in production, with or without deploy/.env.
  it('serves the web chat only, in production, on its own PostgreSQL with deploy/.env copied unchanged or missing', () => {
    expect(compose).toMatch(/env_file:\n\s+- path: \.env/);
    for (const dotEnv of [unchangedTemplate(), {}]) {
      const env = botEnvironment(dotEnv, { POSTGRES_PASSWORD: 'pw' });
      expect(env['DATABASE_URL']).toBe('postgresql://weltoffen:pw@db:5432/weltoffen');
      const config = loadConfig(env);
      expect(config.bot.mode).toBe('web-chat-only');
      expect(config.production).toBe(true);
      // No /api/messages: listening on every interface inside the container is fine.
      expect(config.http.host).toBe('0.0.0.0');
      expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://weltoffen:pw@db:5432/weltoffen' });
    }
    // Published on loopback only, for the TLS-terminating reverse proxy on the host.
    expect(compose).toMatch(/^\s*- ['"]127\.0\.0\.1:3978:3978['"]$/m); // either YAML quote style (Prettier writes single quotes)
  });

  it('takes the bot registration from deploy/.env (nothing in compose overrides it)', () => {
    const dotEnv = {
      ...unchangedTemplate(),
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
      WEB_CHAT_ONLY: 'false',
    };
    const env = botEnvironment(dotEnv, { POSTGRES_PASSWORD: 'pw' });
    expect(loadConfig(env).bot.localMode).toBe(false);
    expect(loadConfig(env).bot.mode).toBe('teams');
    // Forgetting WEB_CHAT_ONLY=false stops start-up with a message naming it.
    expect(() => loadConfig(botEnvironment({ ...dotEnv, WEB_CHAT_ONLY: 'true' }, { POSTGRES_PASSWORD: 'pw' }))).toThrow(
      /WEB_CHAT_ONLY/,
    );
  });
});

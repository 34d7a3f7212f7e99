import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');

/** The variables of config.ts's environment schema, read from its source (the schema is private). */
function configVariables(): string[] {
  const source = readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
  const start = source.indexOf('const envSchema = z');
  const block = source.slice(start, source.indexOf('.superRefine', start));
  return [...block.matchAll(/^ {4}([A-Za-z_]+):/gm)].map((m) => m[1] ?? '');
}

describe('deploy/env.TEMPLATE', () => {
  const template = readFileSync(path.join(ROOT, 'deploy', 'env.TEMPLATE'), 'utf8');
  const listed = new Set([...template.matchAll(/^#? ?([A-Za-z_]+)=/gm)].map((m) => m[1]));

  it('names every variable src/config.ts reads', () => {
    const variables = configVariables();
    expect(variables.length).toBeGreaterThan(30);
    expect(variables.filter((v) => !listed.has(v))).toEqual([]);
  });

  it('starts in local mode when copied to .env unchanged (empty values count as unset)', () => {
    const env: Record<string, string> = {};
    for (const m of template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) env[m[1] ?? ''] = m[2] ?? '';
    expect(loadConfig(env).bot.localMode).toBe(true);
  });

  it('has values config.ts accepts once the placeholders are filled', () => {
    const env: Record<string, string> = {};
    for (const m of template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) if (m[2] !== '') env[m[1] ?? ''] = m[2] ?? '';
    expect(() => loadConfig({ ...env, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' })).not.toThrow(ConfigError);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = readFileSync(path.join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
  const template = readFileSync(path.join(ROOT, 'deploy', 'env.TEMPLATE'), 'utf8');

  /**
   * The bot container's environment: deploy/.env (env_file) under the service's `environment:` entries,
   * which win, interpolated with what the shell exported.
   */
  function botEnvironment(dotEnv: Record<string, string>, exported: Record<string, string>): Record<string, string> {
    const bot = compose.slice(compose.indexOf('\n  bot:'));
    const block = bot.slice(bot.indexOf('    environment:'), bot.indexOf('\n    ports:'));
    const env: Record<string, string> = { ...dotEnv };
    for (const m of block.matchAll(/^ {6}([A-Za-z_]+): (.*)$/gm)) {
      env[m[1] ?? ''] = (m[2] ?? '').replace(/\$\{([A-Za-z_]+)(?::-([^}]*))?\}/g, (_all, name: string, fallback?: string) => exported[name] ?? fallback ?? '');
    }
    return env;
  }
  const unchangedTemplate = (): Record<string, string> => Object.fromEntries([...template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));

  it('starts in local mode on its own PostgreSQL with deploy/.env copied unchanged from the template', () => {
    expect(compose).toMatch(/env_file:\n\s+- path: \.env/);
    const env = botEnvironment(unchangedTemplate(), { POSTGRES_PASSWORD: 'pw' });
    expect(env['DATABASE_URL']).toBe('postgresql://weltoffen:pw@db:5432/weltoffen');
    const config = loadConfig(env);
    expect(config.bot.localMode).toBe(true);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://weltoffen:pw@db:5432/weltoffen' });
    // Published on loopback only: without a registration the bot has no channel authentication.
    expect(compose).toContain('"127.0.0.1:3978:3978"');
  });

  it('takes the bot registration from deploy/.env (nothing in compose overrides it)', () => {
    const dotEnv = {
      ...unchangedTemplate(),
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    };
    const env = botEnvironment(dotEnv, { POSTGRES_PASSWORD: 'pw' });
    expect(loadConfig(env).bot.localMode).toBe(false);
  });
});

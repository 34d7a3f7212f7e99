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

  it('has values config.ts accepts once the placeholders are filled', () => {
    const env: Record<string, string> = {};
    for (const m of template.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) if (m[2] !== '') env[m[1] ?? ''] = m[2] ?? '';
    expect(() => loadConfig({ ...env, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' })).not.toThrow(ConfigError);
  });
});

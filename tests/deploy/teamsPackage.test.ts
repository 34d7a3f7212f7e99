import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { buildTeamsPackage, validateAgainstShippedSchema, valuesFromEnvironment } from '../../scripts/teamsPackage';

const env = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppId: '66666666-7777-4888-9999-000000000000',
  BOT_DOMAIN: 'weltoffen-bot.example.org',
};

describe('Teams app package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'teams-pkg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the template, validates against the shipped schema and zips the documented layout', () => {
    const out = path.join(dir, 'app.zip');
    const { manifest } = buildTeamsPackage(valuesFromEnvironment(env), out);
    expect(validateAgainstShippedSchema(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
    const zip = new AdmZip(readFileSync(out));
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const m = JSON.parse(zip.readAsText('manifest.json')) as {
      id: string;
      manifestVersion: string;
      developer: { privacyUrl: string; termsOfUseUrl: string };
      bots: { botId: string; scopes: string[] }[];
      validDomains: string[];
      webApplicationInfo: { id: string; resource: string };
      staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
      configurableTabs: { configurationUrl: string; scopes: string[]; context: string[] }[];
    };
    expect(m.id).toBe(env.TEAMS_APP_ID);
    // By default the privacy note of the page this service serves (the anchor exists there).
    expect(m.developer.privacyUrl).toBe(`https://${env.BOT_DOMAIN}/#datenschutz`);
    expect(readFileSync(path.join(__dirname, '..', '..', 'src', 'http', 'public', 'index.html'), 'utf8')).toContain(
      'id="datenschutz"',
    );
    const own = buildTeamsPackage(
      valuesFromEnvironment({
        ...env,
        PRIVACY_URL: 'https://www.potsdam.de/datenschutz',
        TERMS_URL: 'https://www.potsdam.de/nutzung',
      }),
      path.join(dir, 'own.zip'),
    );
    expect(own.manifest['developer']).toMatchObject({
      privacyUrl: 'https://www.potsdam.de/datenschutz',
      termsOfUseUrl: 'https://www.potsdam.de/nutzung',
    });
    expect(() => valuesFromEnvironment({ ...env, PRIVACY_URL: 'http://www.potsdam.de/datenschutz' })).toThrow(
      /PRIVACY_URL: must be an https:\/\/ address/,
    );
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(m.bots[0]?.botId).toBe(env.MicrosoftAppId);
    expect(m.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(m.validDomains).toEqual([env.BOT_DOMAIN]);
    expect(m.webApplicationInfo.id).toBe(env.MicrosoftAppId);
    // Dashboard tabs: the bot chat stays, "Mein Überblick" as a personal tab, a channel tab with its
    // configuration page; SSO asks for a token whose audience is the application id URI on the bot's domain.
    expect(m.staticTabs.map((t) => t.entityId)).toEqual(['conversations', 'dashboard']);
    expect(m.staticTabs[1]).toMatchObject({
      name: 'Mein Überblick',
      contentUrl: `https://${env.BOT_DOMAIN}/dashboard/`,
      scopes: ['personal'],
    });
    expect(m.configurableTabs).toEqual([
      {
        configurationUrl: `https://${env.BOT_DOMAIN}/dashboard/config.html`,
        canUpdateConfiguration: true,
        scopes: ['team'],
        context: ['channelTab'],
      },
    ]);
    expect(m.webApplicationInfo.resource).toBe(`api://${env.BOT_DOMAIN}/${env.MicrosoftAppId}`);

    const color = PNG.sync.read(zip.readFile('color.png') as Buffer);
    const outline = PNG.sync.read(zip.readFile('outline.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // The outline icon must be white on transparency: every pixel either transparent or white.
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
    }
    expect(outline.data.some((v, i) => i % 4 === 3 && v === 0)).toBe(true);
  });

  it('every German command has an English translation in en.json', () => {
    const template = readFileSync(path.resolve(__dirname, '../../deploy/teams/manifest.template.json'), 'utf8');
    const en = JSON.parse(readFileSync(path.resolve(__dirname, '../../deploy/teams/en.json'), 'utf8')) as Record<
      string,
      string
    >;
    const lists =
      (JSON.parse(template) as { bots: { commandLists: { commands: unknown[] }[] }[] }).bots[0]?.commandLists ?? [];
    lists.forEach((list, l) =>
      list.commands.forEach((_c, c) => {
        expect(en[`bots[0].commandLists[${l}].commands[${c}].title`]).toEqual(expect.any(String));
        expect(en[`bots[0].commandLists[${l}].commands[${c}].description`]).toEqual(expect.any(String));
      }),
    );
    expect(en['staticTabs[1].name']).toBe('My overview');
    expect(validateAgainstShippedSchema(en)).toEqual([]);
  });

  it('rejects a manifest that breaks the schema, and missing values by name', () => {
    expect(
      validateAgainstShippedSchema({
        $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json',
        manifestVersion: '1.24',
      }).length,
    ).toBeGreaterThan(0);
    expect(() => valuesFromEnvironment({ ...env, TEAMS_APP_ID: 'abc' })).toThrow(/TEAMS_APP_ID: must be a GUID/);
    expect(() => valuesFromEnvironment({ ...env, BOT_DOMAIN: 'https://x.org' })).toThrow(/BOT_DOMAIN/);
  });
});

// The lint config's own test: source text placed (virtually) inside a layer is linted with the real
// eslint.config.mjs, so a wrong-way import must be reported by the boundary rules and a right-way one not.
// The fixtures do not exist on disk, so type information is switched off for them (typescript-eslint's
// disableTypeChecked); the boundary rules need only the resolved import paths, which are real files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '..', '..');
const FIXTURE = '__layerFixture__.ts';
const BOUNDARY = 'import-x/no-restricted-paths';
const PACKAGES = 'no-restricted-imports';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: path.join(root, 'eslint.config.mjs'),
    overrideConfig: [{ files: [`**/${FIXTURE}`], ...tseslint.configs.disableTypeChecked }] as Linter.Config[],
  });
});

/** Any real .ts file under a folder, so the fixtures do not break when a particular module is renamed. */
function someFileIn(dir: string, except: string[] = []): string {
  const found = tsFilesUnder(dir).find((file) => !except.includes(file));
  if (!found) throw new Error(`no .ts file under ${dir}`);
  return found;
}

function tsFilesUnder(dir: string): string[] {
  if (!statSync(path.join(root, dir)).isDirectory()) return dir.endsWith('.ts') ? [dir] : [];
  return readdirSync(path.join(root, dir))
    .sort()
    .flatMap((name) => tsFilesUnder(path.posix.join(dir, name)));
}

interface Zone {
  from: string;
  except: string[];
}

/** Every source file whose boundary rule carries an exception (none may: the layers hold without an allow-list). */
async function filesWithExceptions(): Promise<string[]> {
  const found: string[] = [];
  for (const file of ['src', 'cards', 'dialogs'].flatMap(tsFilesUnder)) {
    const config = (await eslint.calculateConfigForFile(path.join(root, file))) as Linter.Config | undefined;
    const rule = config?.rules?.[BOUNDARY] as [unknown, { zones: Zone[] }] | undefined;
    if (
      rule === undefined &&
      !file.startsWith('src/generated/') &&
      file !== 'src/index.ts' &&
      file !== 'src/migrate.ts' &&
      // The composition root's parts by topic: free like src/index.ts itself.
      !file.startsWith('src/composition/')
    )
      found.push(`${file} (no boundary rule)`);
    if (rule?.[1].zones.some((z) => z.except.length > 0)) found.push(file);
  }
  return found;
}

/** Lints `import * as target from <spec>` placed in `layerDir`; `to` is a package or a repository path. */
async function lintImport(layerDir: string, to: string): Promise<Linter.LintMessage[]> {
  const filePath = path.join(root, layerDir, FIXTURE);
  expect(existsSync(filePath)).toBe(false);
  const spec = existsSync(path.join(root, to))
    ? path.posix.relative(layerDir, to.replace(/\.ts$/, '')).replace(/^(?!\.)/, './')
    : to;
  return messagesOf(await eslint.lintText(importText(spec), { filePath }));
}

const importText = (spec: string) => `import * as target from '${spec}';\n\nexport { target };\n`;

function messagesOf(results: ESLint.LintResult[]): Linter.LintMessage[] {
  const [result] = results;
  if (!result || results.length !== 1) throw new Error(`expected one lint result, got ${results.length}`);
  return result.messages;
}

const ruleIds = (messages: Linter.LintMessage[]) => messages.map((m) => m.ruleId);

describe('layer boundaries in eslint.config.mjs', () => {
  it('should let the domain import no framework package', async () => {
    expect(ruleIds(await lintImport('src/domain', 'botbuilder'))).toEqual([PACKAGES]);
    expect(ruleIds(await lintImport('src/domain', 'node:fs'))).toEqual([PACKAGES]);
  });

  it('should let the domain import nothing from the layers above it', async () => {
    expect(ruleIds(await lintImport('src/domain', someFileIn('src/services')))).toEqual([BOUNDARY]);
  });

  it('should keep services from importing cards, catalogs or infrastructure', async () => {
    expect(ruleIds(await lintImport('src/services', someFileIn('cards')))).toEqual([BOUNDARY]);
    expect(ruleIds(await lintImport('src/services', someFileIn('src/i18n')))).toEqual([BOUNDARY]);
    expect(ruleIds(await lintImport('src/services', someFileIn('src/infrastructure')))).toEqual([BOUNDARY]);
  });

  it('should keep infrastructure from importing services or the bot', async () => {
    expect(ruleIds(await lintImport('src/infrastructure', someFileIn('src/services')))).toEqual([BOUNDARY]);
    expect(ruleIds(await lintImport('src/infrastructure', someFileIn('src/bot')))).toEqual([BOUNDARY]);
  });

  it('should keep cards from importing services', async () => {
    expect(ruleIds(await lintImport('cards', someFileIn('src/services')))).toEqual([BOUNDARY]);
  });

  it('should keep everyone but the tooling from importing the composition root', async () => {
    expect(ruleIds(await lintImport('src/http', 'src/index.ts'))).toEqual([BOUNDARY]);
  });

  it('should pass the imports the layers are allowed', async () => {
    expect(await lintImport('src/services', someFileIn('src/domain'))).toEqual([]);
    expect(await lintImport('cards', someFileIn('src/i18n'))).toEqual([]);
    expect(await lintImport('dialogs', someFileIn('src/services'))).toEqual([]);
    expect(await lintImport('src/http', someFileIn('src/infrastructure'))).toEqual([]);
    expect(await lintImport('src/domain', 'zod')).toEqual([]);
  });

  it('should keep the web chat routes from importing the bot (its texts are handed in)', async () => {
    expect(ruleIds(await lintImport('src/http', someFileIn('src/bot')))).toEqual([BOUNDARY]);
  });

  it('should hold every source file to its layer without exceptions', async () => {
    expect(await filesWithExceptions()).toEqual([]);
  });
});

// `npm run teams:package`: fills deploy/teams/manifest.template.json from the environment,
// validates it against the Teams schema shipped in @microsoft/app-manifest (offline), draws the
// two icons and writes deploy/teams/build/weltoffen-bot.zip.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { readEnvironment } from '../src/config';
import { projectRoot } from '../src/infrastructure/projectRoot';

const ROOT = projectRoot();
const TEAMS_DIR = path.join(ROOT, 'deploy', 'teams');
const SCHEMA_DIR = path.join(ROOT, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export const packageValuesSchema = z.object({
  TEAMS_APP_ID: guid,
  BOT_ID: guid,
  BOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as bot.example.org, without https://'),
  AAD_APP_CLIENT_ID: guid,
  PUBLISHER_NAME: z.string().min(1).max(32),
  APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** The municipality's own privacy statement and terms (an organisation-wide app needs real ones). */
  PRIVACY_URL: z.url({ protocol: /^https$/, error: 'must be an https:// address' }),
  TERMS_URL: z.url({ protocol: /^https$/, error: 'must be an https:// address' }),
});
export type PackageValues = z.infer<typeof packageValuesSchema>;

/** Values from the environment; the bot id defaults to MicrosoftAppId, the SSO app to the bot id. */
export function valuesFromEnvironment(env: NodeJS.ProcessEnv): PackageValues {
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const botId = env.BOT_ID ?? env.MicrosoftAppId;
  const parsed = packageValuesSchema.safeParse({
    TEAMS_APP_ID: env.TEAMS_APP_ID,
    BOT_ID: botId,
    BOT_DOMAIN: env.BOT_DOMAIN,
    AAD_APP_CLIENT_ID: env.AAD_APP_CLIENT_ID ?? botId,
    PUBLISHER_NAME: env.PUBLISHER_NAME ?? 'Weltoffene Kommune',
    APP_VERSION: env.APP_VERSION ?? version,
    // Default: the privacy note on the web chat page this service serves.
    PRIVACY_URL: env.PRIVACY_URL ?? `https://${env.BOT_DOMAIN ?? ''}/#datenschutz`,
    TERMS_URL: env.TERMS_URL ?? env.PRIVACY_URL ?? `https://${env.BOT_DOMAIN ?? ''}/#datenschutz`,
  });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

export function fillTemplate(template: string, values: PackageValues): string {
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
    const v = (values as Record<string, string>)[name];
    if (v === undefined) throw new Error(`manifest template names an unknown value ${whole}`);
    return v;
  });
  return filled;
}

/** Validates a manifest (or localization file) against the schema version it declares. */
export function validateAgainstShippedSchema(doc: { $schema?: string; [key: string]: unknown }): string[] {
  const m = /\/teams\/(v[\d.]+)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/.exec(doc.$schema ?? '');
  if (!m) return [`unsupported $schema ${doc.$schema ?? '(none)'}`];
  const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, m[1] ?? '', m[2] ?? ''), 'utf8')) as object;
  // The localization schema's key patterns are not valid under the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** The emblem: a ring with two parallels, as a globe; white on the accent colour or on transparency. */
export function drawIcon(size: number, opaque: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  const outer = size * 0.4;
  const stroke = Math.max(2, size * 0.07);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const r = Math.hypot(x - c, y - c);
      const onRing = Math.abs(r - outer) <= stroke / 2;
      const inside = r < outer;
      const onParallel = inside && [0.33, 0.67].some((f) => Math.abs(y - size * f) <= stroke / 2);
      const onMeridian = inside && Math.abs(Math.hypot((x - c) * 2.2, y - c) - outer) <= stroke;
      const white = onRing || onParallel || onMeridian;
      if (white) {
        png.data.set([255, 255, 255, 255], i);
      } else if (opaque) {
        png.data.set([0x1f, 0x5c, 0x99, 255], i);
      } else {
        png.data.set([0, 0, 0, 0], i);
      }
    }
  }
  return PNG.sync.write(png);
}

export function buildTeamsPackage(
  values: PackageValues,
  outFile = path.join(TEAMS_DIR, 'build', 'weltoffen-bot.zip'),
): { zipPath: string; manifest: Record<string, unknown> } {
  const manifestText = fillTemplate(readFileSync(path.join(TEAMS_DIR, 'manifest.template.json'), 'utf8'), values);
  const manifest = JSON.parse(manifestText) as Record<string, unknown> & { $schema?: string };
  const localization = JSON.parse(readFileSync(path.join(TEAMS_DIR, 'en.json'), 'utf8')) as { $schema?: string };
  const problems = [
    ...validateAgainstShippedSchema(manifest).map((p) => `manifest.json ${p}`),
    ...validateAgainstShippedSchema(localization).map((p) => `en.json ${p}`),
  ];
  if (problems.length > 0) throw new Error(`the Teams manifest does not validate:\n${problems.join('\n')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  zip.addFile('en.json', Buffer.from(JSON.stringify(localization, null, 2)));
  zip.addFile('color.png', drawIcon(192, true));
  zip.addFile('outline.png', drawIcon(32, false));
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip.toBuffer());
  return { zipPath: outFile, manifest };
}

if (require.main === module) {
  try {
    const { zipPath } = buildTeamsPackage(valuesFromEnvironment(readEnvironment()));
    console.log(`wrote ${path.relative(process.cwd(), zipPath)}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

/**
 * The export routes on a restify server of their own, over the real database (PGlite or PostgreSQL): the real
 * link store and audit trail, role grants in memory (so a test can revoke one), a clock the test moves, and
 * a fake bearer check whose token is a name for an identity key.
 */
import restify from 'restify';
import type { AuditEntry } from '../../src/domain/ports/audit';
import type { RateLimits } from '../../src/domain/ports/rateLimits';
import type { Database } from '../../src/infrastructure/db/database';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { PrismaDownloadLinkStore } from '../../src/infrastructure/repositories/prismaDownloadLinkStore';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { mountExports } from '../../src/http/exports';
import { AccessService } from '../../src/services/accessService';
import { DownloadService } from '../../src/services/downloadService';
import { ExportCommands } from '../../src/services/exportLinks';
import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';
import { openMigratedTestDatabase } from '../support/testDatabase';
import { MUNICIPALITY, RESPONDENT_KEYS, seedMunicipality, services } from './seed';

export const COORDINATOR = 'aad:t:coordinator';
export const LEAD = 'aad:t:lead-tf';
export const OTHER_LEAD = 'aad:t:lead-potsdam';
/** Fake bearer validation: the token names the identity key (the real one validates AAD tokens). */
export const TOKENS: Readonly<Record<string, string>> = {
  'tok-coord': COORDINATOR,
  'tok-lead': LEAD,
  'tok-other': OTHER_LEAD,
  'tok-resp': RESPONDENT_KEYS[0],
};
export const PUBLIC_BASE = 'https://bot.example.org';
export const START = new Date('2026-03-02T10:00:00Z');

export interface ExportHarness {
  readonly db: Database;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  readonly grants: MemoryAccessRepository;
  readonly commands: ExportCommands;
  /** The time every part sees; tests move it. */
  now: Date;
  /** While true, every audit record fails (the database refusing the write). */
  failAudit: boolean;
  /** How often the link store was asked to redeem a token: proves that a refused request did no database work. */
  redeems: number;
  get(path: string, bearer?: string): Promise<Response>;
  redeem(body: unknown, init?: { headers?: Record<string, string>; raw?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startExportHarness(
  options: { rateLimits?: RateLimits; seed?: boolean } = {},
): Promise<ExportHarness> {
  const { db, dispose } = await openMigratedTestDatabase();
  if (options.seed !== false) await seedMunicipality(db);
  const grants = new MemoryAccessRepository();
  await grants.grant(COORDINATOR, { role: 'coordinator' });
  await grants.grant(LEAD, { role: 'lead', municipalityId: MUNICIPALITY });
  await grants.grant(OTHER_LEAD, { role: 'lead', municipalityId: 'potsdam' });
  const access = new AccessService({
    access: grants,
    respondents: new PrismaRespondentRepository(db.prisma),
    bootstrap: { objectIds: [], tenantIds: [] },
  });
  const realAudit = new PrismaAuditLog(db.prisma);
  const store = new PrismaDownloadLinkStore(db.prisma);
  const clock = { now: () => h.now };
  const audit = {
    record: (entry: AuditEntry) =>
      h.failAudit ? Promise.reject(new Error('audit trail unavailable')) : realAudit.record(entry),
  };
  const links = {
    issue: store.issue.bind(store),
    deleteExpired: store.deleteExpired.bind(store),
    redeem: (token: string, now: Date) => {
      h.redeems += 1;
      return store.redeem(token, now);
    },
  };
  const commands = new ExportCommands({
    access,
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    links,
    audit,
    dashboardLink: (id) => `${PUBLIC_BASE}/dashboard/?municipality=${encodeURIComponent(id)}`,
    clock,
    ttlSeconds: 15 * 60,
    publicBaseUrl: `${PUBLIC_BASE}/`,
  });
  const downloads = new DownloadService({ links, access, exports: services(db).exports, audit, clock });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  mountExports(server, {
    exports: services(db).exports,
    downloads,
    // Unlimited unless the test brings its own: the other tests send many requests from 127.0.0.1.
    rateLimits: options.rateLimits ?? { hit: () => Promise.resolve({ ok: true }) },
    authenticate: (req) => Promise.resolve(TOKENS[(req.header('authorization') ?? '').replace(/^Bearer /, '')]),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const h: ExportHarness = {
    db,
    base,
    grants,
    commands,
    now: START,
    failAudit: false,
    redeems: 0,
    get: (path, bearer) => fetch(`${base}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {}),
    redeem: (body, init = {}) =>
      fetch(`${base}/api/downloads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: init.raw ?? JSON.stringify(body),
      }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await dispose();
    },
  };
  return h;
}

/** The token of a link URL as the bot hands it out (`…/download/#<token>`). */
export function tokenOf(url: string): string {
  const hash = new URL(url).hash;
  if (!hash) throw new Error(`no fragment in ${url}`);
  return hash.slice(1);
}

/** The audit trail's rows as stored, for assertions on what a row may contain. */
export async function auditRows(db: Database) {
  const rows = await db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor,
    subject: r.subject,
    municipalityId: r.municipalityId,
    detail: r.detail,
  }));
}

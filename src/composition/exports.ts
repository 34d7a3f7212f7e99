/**
 * Part of the composition root (src/index.ts): workshop exports — opaque single-use links handed out by the
 * bot (stored in download_link), bearer tokens from the dashboard, PDF/CSV/JSON rendered with the export
 * catalog's labels, and every issued link and delivered file recorded in the audit trail.
 */
import type { AppConfig } from '../config';
import type { AuditLog } from '../domain/ports/audit';
import { defaultRegistry } from '../domain/selbstcheck';
import { exportTexts } from '../i18n/exportCatalog';
import type { Database } from '../infrastructure/db/database';
import { systemClock } from '../infrastructure/clock';
import { documentExportRenderer } from '../infrastructure/export/documentRenderer';
import { PrismaExportSource } from '../infrastructure/export/prismaExportSource';
import { PrismaAuditLog } from '../infrastructure/repositories/prismaAuditLog';
import { PrismaDownloadLinkStore } from '../infrastructure/repositories/prismaDownloadLinkStore';
import { PrismaMunicipalityRepository } from '../infrastructure/repositories/prismaMunicipalityRepository';
import type { AccessService } from '../services/accessService';
import { dashboardLink } from '../services/dashboardLinks';
import { DownloadService, type DownloadProducer } from '../services/downloadService';
import { ExportCommands } from '../services/exportLinks';
import { ExportService } from '../services/exportService';
import type { SelfCheckService } from '../services/selfCheckService';

export function exportParts(
  config: AppConfig,
  db: Database,
  selfCheck: SelfCheckService,
  access: AccessService,
  audit: AuditLog = new PrismaAuditLog(db.prisma),
  /** The `meine daten` download (src/composition/privacy.ts); without it such links open nothing. */
  myData?: DownloadProducer,
) {
  // Exports keep wall-clock time even when tests control the outbox's clock: link expiry and report dates are real.
  const clock = systemClock;
  const municipalities = new PrismaMunicipalityRepository(db.prisma);
  const links = new PrismaDownloadLinkStore(db.prisma);
  const exportService = new ExportService({
    selfCheck,
    source: new PrismaExportSource(db.prisma),
    municipalities,
    registry: defaultRegistry,
    clock,
    renderer: documentExportRenderer(exportTexts),
  });
  const exportCommands = new ExportCommands({
    access,
    municipalities,
    links,
    audit,
    // In a channel the card opens the municipality in the dashboard (the Teams tab when the app id is known).
    dashboardLink: dashboardLink({ publicBaseUrl: config.http.publicBaseUrl, teamsAppId: config.dashboard.teamsAppId }),
    clock,
    ttlSeconds: config.exports.linkTtlSeconds,
    // Links point at the public address, where users' browsers reach this service.
    publicBaseUrl: config.http.publicBaseUrl,
  });
  const downloads = new DownloadService({
    links,
    access,
    exports: exportService,
    audit,
    clock,
    ...(myData !== undefined ? { myData } : {}),
  });
  return { exportService, exportCommands, downloads };
}

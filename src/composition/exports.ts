/**
 * Part of the composition root (src/index.ts): workshop exports — signed links handed out by the bot,
 * bearer tokens from the dashboard, PDF/CSV/JSON rendered with the export catalog's labels.
 */
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config';
import { defaultRegistry } from '../domain/selbstcheck';
import { exportTexts } from '../i18n/exportCatalog';
import type { Database } from '../infrastructure/db/database';
import { systemClock } from '../infrastructure/clock';
import { documentExportRenderer } from '../infrastructure/export/documentRenderer';
import { PrismaExportSource } from '../infrastructure/export/prismaExportSource';
import { PrismaMunicipalityRepository } from '../infrastructure/repositories/prismaMunicipalityRepository';
import type { AccessService } from '../services/accessService';
import { ExportCommands, ExportLinkSigner, ExportService } from '../services/exportService';
import type { SelfCheckService } from '../services/selfCheckService';

export function exportParts(config: AppConfig, db: Database, selfCheck: SelfCheckService, access: AccessService) {
  // Exports keep wall-clock time even when tests control the outbox's clock: link expiry and report dates are real.
  const exportSigner = new ExportLinkSigner(
    config.exports.linkSecret ?? randomBytes(32).toString('base64url'),
    config.exports.linkTtlSeconds,
    systemClock,
  );
  const municipalities = new PrismaMunicipalityRepository(db.prisma);
  const exportService = new ExportService({
    selfCheck,
    source: new PrismaExportSource(db.prisma),
    municipalities,
    registry: defaultRegistry,
    clock: systemClock,
    renderer: documentExportRenderer(exportTexts),
  });
  const exportCommands = new ExportCommands({ access, municipalities, signer: exportSigner });
  return { exportSigner, exportService, exportCommands };
}

/** The bot's reply to `export <Kommune> pdf|csv|json`: a download link, the dashboard (in channels), or why not. */
import { exportDashboardCard, exportLinkCard } from '../../../cards/exportLinkCard';
import type { BotMessage } from '../../domain/messages';
import type { Locale } from '../../domain/selbstcheck';
import { exportTexts } from '../../i18n/exportCatalog';
import type { ExportLinkResult } from '../../services/exportLinks';

export function exportLinkMessage(result: ExportLinkResult, locale: Locale): BotMessage {
  switch (result.kind) {
    case 'link':
      return exportLinkCard({
        municipalityName: result.municipality.name,
        format: result.format,
        url: result.url,
        ttlMinutes: result.ttlMinutes,
        locale,
      });
    case 'dashboard':
      return exportDashboardCard({
        municipalityName: result.municipality.name,
        format: result.format,
        dashboardUrl: result.url,
        locale,
      });
    case 'denied':
      return { text: exportTexts(locale).denied };
    case 'unknown_municipality':
      return { text: exportTexts(locale).unknownMunicipality };
  }
}

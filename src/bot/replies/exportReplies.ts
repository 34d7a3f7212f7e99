/** The bot's reply to `export <Kommune> pdf|csv|json`: the signed download link as a card, or why not. */
import { exportLinkCard } from '../../../cards/exportLinkCard';
import type { BotMessage } from '../../domain/messages';
import type { Locale } from '../../domain/selbstcheck';
import { exportTexts } from '../../i18n/exportCatalog';
import type { ExportLinkResult } from '../../services/exportService';

export function exportLinkMessage(result: ExportLinkResult, locale: Locale): BotMessage {
  if (result.kind === 'link') {
    return exportLinkCard({
      municipalityName: result.municipality.name,
      format: result.format,
      url: result.url,
      ttlMinutes: result.ttlMinutes,
      locale,
    });
  }
  const t = exportTexts(locale);
  return { text: result.kind === 'denied' ? t.denied : t.unknownMunicipality };
}

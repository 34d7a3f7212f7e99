/** Reply to `export <Kommune> pdf|csv|json`: a short-lived download link as a card with a text fallback. */
import type { Locale } from '../src/domain/selbstcheck';
import { exportTexts } from '../src/i18n/exportCatalog';
import { card, textBlock, type RenderedCard } from './adaptiveCard';

export interface ExportLinkCardInput {
  readonly municipalityName: string;
  readonly format: 'pdf' | 'csv' | 'json';
  readonly url: string;
  readonly ttlMinutes: number;
  readonly locale: Locale;
}

export function exportLinkCard(input: ExportLinkCardInput): RenderedCard {
  const t = exportTexts(input.locale);
  const message = t.linkCardText(input.municipalityName, input.format, input.ttlMinutes);
  const text = `${t.linkCardTitle}: ${message}\n${input.url}`;
  return {
    text,
    card: card(
      [textBlock(t.linkCardTitle, { weight: 'bolder', size: 'medium' }), textBlock(message)],
      [{ type: 'Action.OpenUrl', title: t.linkCardButton, url: input.url }],
      text,
    ),
  };
}

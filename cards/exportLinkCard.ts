/**
 * Replies to `export <Kommune> pdf|csv|json`: in a personal chat a single-use download link, in a channel or
 * group chat the municipality in the dashboard (a link posted there would open for everyone who reads along).
 * Adaptive Cards with a text fallback.
 */
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

export interface ExportDashboardCardInput {
  readonly municipalityName: string;
  readonly format: 'pdf' | 'csv' | 'json';
  /** The municipality's dashboard view (browser page or the Teams tab's deep link). */
  readonly dashboardUrl: string;
  readonly locale: Locale;
}

export function exportDashboardCard(input: ExportDashboardCardInput): RenderedCard {
  const t = exportTexts(input.locale);
  const message = t.dashboardCardText(input.municipalityName, input.format);
  const text = `${t.dashboardCardTitle}: ${message}\n${input.dashboardUrl}`;
  return {
    text,
    card: card(
      [textBlock(t.dashboardCardTitle, { weight: 'bolder', size: 'medium' }), textBlock(message)],
      [{ type: 'Action.OpenUrl', title: t.dashboardCardButton, url: input.dashboardUrl }],
      text,
    ),
  };
}

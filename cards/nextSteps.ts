/**
 * What comes after the overall summary: "weiter" once everything is answered shows this short message
 * instead of the whole summary again. Text plus suggested actions (buttons under the message, in Teams'
 * personal chat and in Web Chat alike); each button's title is itself a command, so a click is the same as
 * typing it. Leads and coordinators get the workshop part: the export and closing the round.
 */
import { FIELD_IDS, type Locale } from '../src/domain/selbstcheck';
import type { BotMessage } from '../src/domain/messages';
import type { CardHost } from './adaptiveCard';
import { staffText } from '../src/i18n/staff';

export interface NextStepsInput {
  readonly host: CardHost;
  readonly locale: Locale;
  readonly municipalityName: string;
  /** From the granted roles (RoundService.rightsIn), never from the function chosen in onboarding. */
  readonly rights: { readonly export: boolean; readonly close: boolean };
  /** The public address of the service, for the blank questionnaires (public PDFs without data). */
  readonly publicBaseUrl?: string;
}

export function renderNextSteps(input: NextStepsInput): BotMessage {
  const { locale, rights } = input;
  const t = (key: Parameters<typeof staffText>[1], params: Readonly<Record<string, string>> = {}) =>
    staffText(locale, key, params);
  const municipality = input.municipalityName;
  const lines = [
    t('afterSummary.done'),
    `- ${t('afterSummary.status')}`,
    `- ${t('afterSummary.change')}`,
    `- ${t('afterSummary.result')}`,
  ];
  const suggestions = [t('afterSummary.buttonStatus'), t('afterSummary.buttonChange'), t('afterSummary.buttonResult')];
  const lead = rights.export || rights.close;
  if (!lead) lines.push('', t('afterSummary.leadNote'));
  else {
    lines.push('', t('afterSummary.workshopTitle'));
    if (rights.export) {
      // The export command exists in Teams only (the web chat has no coordinators' commands).
      if (input.host === 'teams') {
        lines.push(`- ${t('afterSummary.export', { municipality })}`);
        suggestions.push(t('afterSummary.buttonExport', { municipality }));
      } else lines.push(`- ${t('afterSummary.exportElsewhere', { municipality })}`);
      if (input.publicBaseUrl !== undefined)
        lines.push(`- ${t('afterSummary.blankForms', { links: blankFormLinks(input.publicBaseUrl, locale) })}`);
    }
    if (rights.close) {
      lines.push(`- ${t('afterSummary.close')}`);
      suggestions.push(t('afterSummary.buttonClose'));
    }
  }
  return { text: lines.join('\n'), suggestions };
}

/** One Markdown link per field to its blank questionnaire (GET /api/exports/questionnaire/<field>.pdf). */
function blankFormLinks(publicBaseUrl: string, locale: Locale): string {
  let base = publicBaseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  const lang = locale === 'de' ? '' : `?lang=${locale}`;
  return FIELD_IDS.map((f) => `[${f}](${base}/api/exports/questionnaire/${f}.pdf${lang})`).join(' · ');
}

/**
 * The words of `protokoll` / `audit`, from the data AuditService returns: the trail as a card with a text fallback,
 * or the usual answer to a municipality name that is unknown or ambiguous.
 */
import { renderAuditTrailCard } from '../../../cards/auditTrailCard';
import type { BotMessage } from '../../domain/messages';
import type { AuditTrailResult } from '../../services/auditService';
import { staffText, type StaffLocale } from '../../i18n/staff';

/** Undefined for a denial: the chat then treats the message as no command at all (see auditCommands.ts). */
export function auditReplies(
  result: AuditTrailResult,
  locale: StaffLocale,
  dashboardUrl?: (municipalityId: string | null) => string,
): readonly BotMessage[] | undefined {
  switch (result.kind) {
    case 'denied':
      return undefined;
    case 'unknownMunicipality':
      return [
        {
          text:
            result.candidates.length === 0
              ? staffText(locale, 'municipalityAdmin.unknown', { name: result.name })
              : staffText(locale, 'municipalityAdmin.unknownKnown', {
                  name: result.name,
                  list: result.candidates.join(', '),
                }),
        },
      ];
    case 'ambiguousMunicipality':
      return [
        {
          text: staffText(locale, 'municipalityAdmin.ambiguous', {
            name: result.name,
            list: result.candidates.join(', '),
          }),
        },
      ];
    case 'trail':
      return [
        renderAuditTrailCard({
          scope: result.municipality?.name ?? null,
          entries: result.entries.map((e) => ({ ...e, municipality: e.municipality?.name ?? null })),
          more: result.more,
          ...(dashboardUrl !== undefined ? { dashboardUrl: dashboardUrl(result.municipality?.id ?? null) } : {}),
          locale,
        }),
      ];
  }
}

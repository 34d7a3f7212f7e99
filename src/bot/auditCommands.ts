/**
 * `protokoll [<Kommune>]` / `audit [<municipality>]`: the newest entries of the audit trail, for coordinators in
 * Teams (personal chats and channels). Like the municipality commands the words are no command in the web chat;
 * unlike them, a non-coordinator is not refused either: "protokoll" is an everyday word, so for anyone else the
 * message goes on as if no command had matched (an active dialog, then the FAQ).
 */
import { recogniseAuditCommand, type AuditCommand } from '../domain/conversation/auditCommands';
import type { AuditService } from '../services/auditService';
import { handler, type CommandHandler } from './commandHandlers';
import { auditReplies } from './replies/auditReplies';

/** Entries in one chat answer; older ones are paged in the dashboard. */
export const AUDIT_CHAT_ENTRIES = 20;

export function auditCommands(
  service: Pick<AuditService, 'trail'>,
  dashboardUrl?: (municipalityId: string | null) => string,
): CommandHandler {
  return handler<AuditCommand>({
    conversations: ['personal', 'channel'],
    recognise: (text) => recogniseAuditCommand(text),
    async run(command, turn) {
      // The role check comes first (inside `trail`): a name is only looked at for coordinators.
      const result = await service.trail(turn.identityKey, {
        ...(command.municipality !== undefined ? { municipality: { name: command.municipality } } : {}),
        limit: AUDIT_CHAT_ENTRIES,
      });
      const replies = auditReplies(result, turn.locale, dashboardUrl);
      return replies === undefined ? undefined : { replies };
    },
  });
}

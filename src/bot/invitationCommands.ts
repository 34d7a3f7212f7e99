/**
 * The standalone handler for invitation codes and members (`einladen`, `einladungen`, `einladung
 * widerrufen`, `mitglieder`, `mitglied entfernen` and their English forms), in Teams and in the web chat.
 * Typed codes (`code WK-…`) are not handled here: the onboarding's code handler redeems them through
 * InvitationService.checkCode/redeem.
 */
import { recogniseInvitationCommand, type InvitationCommand } from '../domain/conversation/invitationCommands';
import type { InvitationService } from '../services/invitationService';
import { handler, type CommandHandler } from './commandHandlers';
import { invitationReplies } from './replies/invitationReplies';

export function invitationCommands(service: Pick<InvitationService, 'handle'>): CommandHandler {
  return handler<InvitationCommand>({
    recognise: (text) => recogniseInvitationCommand(text),
    async run(command, turn) {
      const result = await service.handle(command, {
        identityKey: turn.identityKey,
        conversation: turn.conversation,
      });
      return { replies: invitationReplies(result, turn.locale) };
    },
  });
}

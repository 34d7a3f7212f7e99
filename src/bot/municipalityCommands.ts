/**
 * The chat side of municipality and tenant management: recognises the commands (German and English), lets
 * MunicipalityAdminService decide and act, and words its answer. Teams only (personal chats and channels):
 * the web chat has no coordinator features, so a web chat identity (even one continued with a resume code)
 * is refused like anyone without the role.
 */
import { recogniseMunicipalityCommand, type MunicipalityCommand } from '../domain/conversation/municipalityCommands';
import type { MunicipalityAdminService } from '../services/municipalityAdminService';
import { handler, type CommandHandler } from './commandHandlers';
import { municipalityReplies } from './replies/municipalityReplies';

export function municipalityCommands(service: Pick<MunicipalityAdminService, 'handle'>): CommandHandler {
  return handler<MunicipalityCommand>({
    recognise: (text) => recogniseMunicipalityCommand(text),
    async run(command, turn) {
      const result =
        turn.conversation === 'webchat'
          ? ({ kind: 'denied' } as const)
          : await service.handle(turn.identityKey, command);
      return { replies: municipalityReplies(result, turn.locale) };
    },
  });
}

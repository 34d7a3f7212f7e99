/**
 * The chat side of municipality and tenant management: recognises the commands (German and English), lets
 * MunicipalityAdminService decide and act, and words its answer. Teams only (personal chats and channels):
 * the web chat has no coordinator features, so there the words are not commands at all and a citizen's
 * "kommunen" goes on to the FAQ.
 */
import { recogniseMunicipalityCommand, type MunicipalityCommand } from '../domain/conversation/municipalityCommands';
import type { MunicipalityAdminService } from '../services/municipalityAdminService';
import { handler, type CommandHandler } from './commandHandlers';
import { municipalityReplies } from './replies/municipalityReplies';

export function municipalityCommands(service: Pick<MunicipalityAdminService, 'handle'>): CommandHandler {
  return handler<MunicipalityCommand>({
    conversations: ['personal', 'channel'],
    recognise: (text) => recogniseMunicipalityCommand(text),
    async run(command, turn) {
      const result = await service.handle(turn.identityKey, command);
      return { replies: municipalityReplies(result, turn.locale) };
    },
  });
}

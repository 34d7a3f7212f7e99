import type { TurnContext } from 'botbuilder';
import type { CardHost, RenderedCard } from '../cards/adaptiveCard';
import { toActivity } from '../src/domain/messages';

/** Channels that render Adaptive Cards; others get the card's text rendering. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

export function hostOf(context: TurnContext): CardHost {
  return context.activity.channelId === 'msteams' ? 'teams' : 'other';
}

export async function sendCard(context: TurnContext, rendered: RenderedCard): Promise<void> {
  await context.sendActivity(
    toActivity(CARD_CHANNELS.has(context.activity.channelId) ? rendered : { text: rendered.text }),
  );
}

export async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity(toActivity({ text }));
}

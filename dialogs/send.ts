import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { CardHost, RenderedCard } from '../cards/adaptiveCard';

/** Channels that render Adaptive Cards; others get the card's text rendering. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

export function hostOf(context: TurnContext): CardHost {
  return context.activity.channelId === 'msteams' ? 'teams' : 'other';
}

export async function sendCard(context: TurnContext, rendered: RenderedCard): Promise<void> {
  if (CARD_CHANNELS.has(context.activity.channelId)) {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(rendered.card)] });
  } else {
    await context.sendActivity({ type: ActivityTypes.Message, text: rendered.text, textFormat: 'markdown' });
  }
}

export async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'markdown' });
}

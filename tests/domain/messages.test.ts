import { CardFactory } from 'botbuilder';
import { card, textBlock } from '../../cards/adaptiveCard';
import { ADAPTIVE_CARD_CONTENT_TYPE, toActivity } from '../../src/domain/messages';

describe('the one toActivity of the bot’s messages', () => {
  it('sends a text message as Markdown', () => {
    expect(toActivity({ text: '**Hallo**' })).toEqual({ type: 'message', text: '**Hallo**', textFormat: 'markdown' });
  });

  it('sends a card as the same attachment botbuilder’s CardFactory builds, with the text as a 200-character summary', () => {
    const c = card([textBlock('Titel')], [], 'Titel');
    const long = 'x'.repeat(250);
    const activity = toActivity({ text: long, card: c });
    expect(activity.attachments).toEqual([CardFactory.adaptiveCard(c)]);
    expect(ADAPTIVE_CARD_CONTENT_TYPE).toBe(CardFactory.adaptiveCard(c).contentType);
    expect(activity.summary).toBe('x'.repeat(200));
    expect(activity.text).toBeUndefined();
  });
});

/** A short notice as a card: one text block, no buttons. It replaces a clicked card in Teams when there is nothing else to show. */
import { card, textBlock, type RenderedCard } from './adaptiveCard';

export function renderNoticeCard(text: string): RenderedCard {
  return { card: card([textBlock(text)], [], text), text };
}

/**
 * Cards of a person's own data: the single-use link to `meine daten`, and the erasure's confirmation with its
 * two buttons. The confirmation carries a nonce that binds it to the one request it answers, so an old card
 * clicked later (or forwarded into another chat) erases nothing. Each with a text fallback.
 */
import { action, card, textBlock, type CardHost, type RenderedCard } from './adaptiveCard';

/** Card verbs of the erasure's confirmation (listed in cardActions.ts so Teams invokes pass the edge check). */
export const ERASE_CONFIRM_VERB = 'privacyErase';
export const ERASE_CANCEL_VERB = 'privacyKeep';

export function myDataLinkCard(input: {
  readonly title: string;
  readonly text: string;
  readonly button: string;
  readonly url: string;
}): RenderedCard {
  const text = `${input.title}: ${input.text}\n${input.url}`;
  return {
    text,
    card: card(
      [textBlock(input.title, { weight: 'bolder', size: 'medium' }), textBlock(input.text)],
      [{ type: 'Action.OpenUrl', title: input.button, url: input.url }],
      text,
    ),
  };
}

export function eraseConfirmCard(input: {
  readonly host: CardHost;
  /** The whole explanation, as the text fallback shows it. */
  readonly text: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly nonce: string;
}): RenderedCard {
  const { host, nonce } = input;
  return {
    text: input.text,
    card: card(
      [textBlock(input.text)],
      [
        action(host, input.confirm, { verb: ERASE_CONFIRM_VERB, nonce }, { primary: false }),
        action(host, input.cancel, { verb: ERASE_CANCEL_VERB, nonce }),
      ],
      input.text,
    ),
  };
}

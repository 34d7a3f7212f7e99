/**
 * What the user did this turn, independent of how the channel delivered it: a card action (Action.Submit
 * as a message value, or Teams Action.Execute as an `adaptiveCard/action` invoke), text, or nothing usable.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { isCardPayload, parseCardAction, type ParsedCardAction } from '../cards/cardActions';

export type TurnInput =
  | { readonly kind: 'card'; readonly parsed: ParsedCardAction; readonly invoke: boolean }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none' };

/** Flattens an Action.Execute invoke value into the Action.Submit shape (`verb` + data + inputs). */
export function cardPayloadOf(context: TurnContext): { readonly payload: unknown; readonly invoke: boolean } | undefined {
  const a = context.activity;
  if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
    const action: unknown = (a.value as { action?: unknown } | undefined)?.action;
    if (typeof action !== 'object' || action === null) return { payload: undefined, invoke: true };
    const { verb, data } = action as { verb?: unknown; data?: unknown };
    const fields = typeof data === 'object' && data !== null ? data : {};
    return { payload: { ...fields, verb }, invoke: true };
  }
  if (a.type === ActivityTypes.Message && isCardPayload(a.value)) return { payload: a.value, invoke: false };
  return undefined;
}

export function readTurnInput(context: TurnContext): TurnInput {
  const card = cardPayloadOf(context);
  if (card !== undefined) return { kind: 'card', parsed: parseCardAction(card.payload), invoke: card.invoke };
  const text = context.activity.text;
  if (context.activity.type === ActivityTypes.Message && typeof text === 'string' && text.trim() !== '') return { kind: 'text', text };
  return { kind: 'none' };
}

/** Set by the assessment dialog during an invoke: the card that replaces the clicked one in place. */
export const INVOKE_CARD_KEY = Symbol('invokeReplacementCard');

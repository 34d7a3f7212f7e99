/**
 * What the user did this turn, independent of how the channel delivered it: a card action (Action.Submit
 * as a message value, or Teams Action.Execute as an `adaptiveCard/action` invoke), text, or nothing usable.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { CARD_VERBS, isCardPayload, parseCardAction, type ParsedCardAction } from '../cards/cardActions';

export type TurnInput =
  | { readonly kind: 'card'; readonly parsed: ParsedCardAction; readonly invoke: boolean }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none' };

// Activity.type is a plain string while ActivityTypes is an enum: compared as strings on purpose.
const INVOKE: string = ActivityTypes.Invoke;
const MESSAGE: string = ActivityTypes.Message;

/** Flattens an Action.Execute invoke value into the Action.Submit shape (`verb` + data + inputs). */
export function cardPayloadOf(
  context: TurnContext,
): { readonly payload: unknown; readonly invoke: boolean } | undefined {
  const a = context.activity;
  if (a.type === INVOKE && a.name === 'adaptiveCard/action') {
    const action: unknown = (a.value as { action?: unknown } | undefined)?.action;
    if (typeof action !== 'object' || action === null) return { payload: undefined, invoke: true };
    const { verb, data } = action as { verb?: unknown; data?: unknown };
    const fields = typeof data === 'object' && data !== null ? data : {};
    return { payload: { ...fields, verb }, invoke: true };
  }
  if (a.type === MESSAGE && isCardPayload(a.value)) return { payload: a.value, invoke: false };
  return undefined;
}

export function readTurnInput(context: TurnContext): TurnInput {
  const card = cardPayloadOf(context);
  if (card !== undefined) return { kind: 'card', parsed: parseCardAction(card.payload), invoke: card.invoke };
  const text = context.activity.text;
  if (context.activity.type === MESSAGE && typeof text === 'string' && text.trim() !== '')
    return { kind: 'text', text };
  return { kind: 'none' };
}

/** Set by the assessment dialog during an invoke: the card that replaces the clicked one in place. */
export const INVOKE_CARD_KEY = Symbol('invokeReplacementCard');

/** A Universal Actions error (`application/vnd.microsoft.error`): the code and a fixed message that echoes nothing. */
export interface CardActionProblem {
  readonly code: 'BadRequest' | 'NotSupported';
  readonly message: string;
}

const KNOWN_VERBS: ReadonlySet<string> = new Set(CARD_VERBS);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why an `adaptiveCard/action` invoke value cannot come from one of our cards, or undefined when it can.
 * botbuilder's own check dereferences `value.action.type` unguarded (a TypeError, then 501 for a missing
 * action); the Universal Actions contract wants a 4xx error response instead. Data that only fails the
 * verb's schema (a stale or foreign card) passes here: the dialog answers it with the current card.
 */
export function adaptiveCardActionProblem(value: unknown): CardActionProblem | undefined {
  if (!isRecord(value)) return { code: 'BadRequest', message: 'the invoke value must be an object' };
  const action = value['action'];
  if (!isRecord(action)) return { code: 'BadRequest', message: 'value.action must be an object' };
  if (action['type'] !== 'Action.Execute') return { code: 'NotSupported', message: 'only Action.Execute is supported' };
  const verb = action['verb'];
  if (typeof verb !== 'string' || verb === '')
    return { code: 'BadRequest', message: 'action.verb must be a non-empty string' };
  if (!KNOWN_VERBS.has(verb)) return { code: 'NotSupported', message: 'this card action is not supported' };
  const data = action['data'];
  if (data !== undefined && data !== null && !isRecord(data))
    return { code: 'BadRequest', message: 'action.data must be an object' };
  return undefined;
}

/**
 * The one message type of the bot's own output: dialog replies, FAQ answers, replies to coordinators'
 * commands, export replies and the outbox's proactive posts are all a text plus an optional Adaptive Card
 * (and, for the FAQ, a language and follow-up questions), as plain data. Cards are built in
 * cards/, texts in the catalogs; here only the shape lives, so the bot layer and the outbox gateway (which may
 * not import cards/ or the bot) turn messages into Bot Framework activities the same way.
 */

/** JSON values an Adaptive Card is made of (readonly: cards are built once and never mutated). */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
export type CardElement = { readonly type: string; readonly [key: string]: Json | undefined };

/** Minimal Adaptive Card 1.5 vocabulary; the card builders in cards/ produce it. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.5';
  readonly fallbackText: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
  readonly [key: string]: Json | undefined;
}

/**
 * What the bot says. With a card, `text` is the card's plain-text rendering (notification preview and
 * screen-reader summary); without one it is the message itself, in Markdown.
 */
export interface BotMessage {
  readonly text: string;
  readonly card?: AdaptiveCard;
  /** The message's language when it is not the conversation's (the FAQ answers in the question's language). */
  readonly locale?: string;
  /** Questions offered as buttons under the message; a click sends the question as the user's message. */
  readonly suggestions?: readonly string[];
}

/** The Bot Framework content type of an Adaptive Card attachment (botbuilder's CardFactory uses the same). */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The outgoing activity of a message, structurally compatible with botbuilder's `Partial<Activity>` so that
 * neither the domain nor the outbox gateway needs botbuilder to build it. Arrays are mutable because
 * botbuilder's Activity type declares them so.
 */
export interface MessageActivity {
  readonly type: 'message';
  readonly text?: string;
  readonly textFormat?: 'markdown';
  readonly attachments?: { readonly contentType: string; readonly content: AdaptiveCard }[];
  readonly locale?: string;
  readonly suggestedActions?: { actions: { type: 'imBack'; title: string; value: string }[]; to: string[] };
  /** Teams shows it in notifications and the activity feed instead of "sent a card". */
  readonly summary?: string;
}

/** Teams cuts activity summaries; 200 characters keep the preview readable. */
const SUMMARY_LENGTH = 200;

/** A card message carries the card and a summary but no text (Teams would show the text above the card). */
export function toActivity(message: BotMessage): MessageActivity {
  const extras = {
    ...(message.locale !== undefined ? { locale: message.locale } : {}),
    ...(message.suggestions !== undefined && message.suggestions.length > 0
      ? {
          suggestedActions: {
            actions: message.suggestions.map((q) => ({ type: 'imBack' as const, title: q, value: q })),
            to: [],
          },
        }
      : {}),
  };
  if (message.card === undefined) return { type: 'message', text: message.text, textFormat: 'markdown', ...extras };
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: message.card }],
    summary: message.text.slice(0, SUMMARY_LENGTH),
    ...extras,
  };
}

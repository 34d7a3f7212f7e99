/**
 * Minimal Adaptive Card 1.5 vocabulary shared by the card builders. Cards are plain JSON so they can be
 * rendered by any host (Teams, Web Chat) and checked in tests without botbuilder.
 */
import type { AdaptiveCard, BotMessage, CardElement, Json } from '../src/domain/messages';

// The card vocabulary is plain data shared with the domain's message type (src/domain/messages.ts).
export type { AdaptiveCard, CardElement, Json };

/**
 * A card plus the plain-text rendering for channels without card support (and screen-reader summaries):
 * the bot's one message type with its card present.
 */
export type RenderedCard = BotMessage & { readonly card: AdaptiveCard };

/** Teams routes Action.Execute with a verb as an `adaptiveCard/action` invoke; elsewhere Action.Submit posts a message. */
export type CardHost = 'teams' | 'other';

export function card(
  body: readonly CardElement[],
  actions: readonly CardElement[],
  fallbackText: string,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function textBlock(text: string, extra: Readonly<Record<string, Json>> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/**
 * A horizontal bar from a ColumnSet: the filled column's weight is the percentage. Weights of 0 are not
 * allowed by every renderer, so both sides get at least 1.
 */
export function progressBar(
  percent: number,
  filledStyle: 'good' | 'warning' | 'attention' | 'accent' = 'accent',
): CardElement {
  const filled = Math.max(1, Math.min(99, Math.round(percent)));
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: filled, style: filledStyle, minHeight: '8px', items: [] },
      // No gap between the two parts: they read as one bar.
      { type: 'Column', width: 100 - filled, style: 'emphasis', minHeight: '8px', spacing: 'none', items: [] },
    ],
  };
}

/**
 * An action carrying `data`. Teams gets Action.Execute with the verb (and Action.Submit as fallback for
 * older clients); other hosts get Action.Submit with the verb inside the data.
 */
export function action(
  host: CardHost,
  title: string,
  data: Readonly<Record<string, Json>> & { readonly verb: string },
  opts: { readonly withInputs?: boolean; readonly primary?: boolean } = {},
): CardElement {
  const submit: CardElement = {
    type: 'Action.Submit',
    title,
    data,
    associatedInputs: opts.withInputs === true ? 'auto' : 'none',
    ...(opts.primary === true ? { style: 'positive' } : {}),
  };
  if (host !== 'teams') return submit;
  return {
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data,
    associatedInputs: opts.withInputs === true ? 'auto' : 'none',
    ...(opts.primary === true ? { style: 'positive' } : {}),
    fallback: submit,
  };
}

/** A link button; Teams opens teams.microsoft.com deep links inside the client (here: the dashboard tab). */
export function openUrlAction(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

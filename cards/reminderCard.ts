/** The one friendly reminder for a respondent who paused, with Continue and "no more reminders". */
import type { Locale } from '../src/domain/selbstcheck';
import { action, card, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import { staffText } from '../src/i18n/staff';

export interface ReminderCardInput {
  readonly locale: Locale;
  readonly municipalityName: string;
  readonly assessmentId: string;
  readonly days: number;
  readonly answered: number;
}

export function renderReminderCard(input: ReminderCardInput): RenderedCard {
  const { locale } = input;
  const title = staffText(locale, 'card.reminderTitle');
  const message = staffText(locale, 'card.reminderText', {
    municipality: input.municipalityName,
    days: input.days,
    answered: input.answered,
  });
  // Continue is the self-check's own `continue` verb (resumes from the stored answers); the opt-out sends the typed command.
  const optOut: CardElement = {
    type: 'Action.Submit',
    title: staffText(locale, 'card.reminderOff'),
    data: { msteams: { type: 'imBack', value: locale === 'de' ? 'erinnerungen aus' : 'reminders off' } },
  };
  const actions = [
    action(
      'teams',
      staffText(locale, 'card.reminderContinue'),
      { verb: 'continue', assessmentId: input.assessmentId },
      { primary: true },
    ),
    optOut,
  ];
  const text = `**${title}**\n\n${message}`;
  return {
    card: card([textBlock(title, { size: 'large', weight: 'bolder' }), textBlock(message)], actions, text),
    text,
  };
}

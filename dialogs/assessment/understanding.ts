/**
 * Text at a question that is neither a command nor one clear answer: a question about the scale or the
 * question itself (answered from the scale's definitions and the question's help, then the question
 * again), or an answer in own words with several readings (asked back with those as buttons). Nothing is
 * stored here, so a retried turn only says it again.
 */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  SCALE_DEFINITIONS,
  answerLabel,
  interpretTypedAnswer,
  recogniseQuestionAbout,
} from '../../src/domain/selbstcheck';
import { toActivity } from '../../src/domain/messages';
import { sendText } from '../send';
import { showTarget } from './screens';
import { targetOf, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

/** Undefined when the text is left to the typed-answer path (an answer, or not understood). */
export async function understoodText(turn: Turn, text: string): Promise<DialogTurnResult | undefined> {
  const target = targetOf(turn);
  if (target === undefined) return undefined;
  const { locale } = turn;
  const asked = recogniseQuestionAbout(text);
  if (asked !== undefined) {
    const lines =
      asked.kind === 'scale'
        ? asked.values.map((v) =>
            staffText(locale, 'understand.scale', {
              label: answerLabel(v, locale),
              definition: SCALE_DEFINITIONS[v][locale],
            }),
          )
        : [
            target.help[locale].trim() === ''
              ? staffText(locale, 'understand.noHelp')
              : staffText(locale, 'understand.help', { help: target.help[locale] }),
            staffText(locale, 'understand.scaleHint'),
          ];
    await sendText(turn.context, lines.join('\n\n'));
    return showTarget(turn);
  }
  const typed = interpretTypedAnswer(text, locale);
  if (typed.kind !== 'ambiguous') return undefined;
  await turn.context.sendActivity(
    toActivity({
      text: staffText(locale, 'understand.askBack'),
      // The labels parse back to their value, so a click is an ordinary typed answer.
      suggestions: typed.candidates.map((v) => answerLabel(v, locale)),
    }),
  );
  return Dialog.EndOfTurn;
}

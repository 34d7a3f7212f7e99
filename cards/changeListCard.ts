/** "ändern" without an id: the respondent picks one of the field's answered questions to change. */
import { answerLabel, fieldName, type Question } from '../src/domain/selbstcheck';
import { action, card, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import type { FieldQuestionsCardInput } from './fieldFormCard';
import { staffText } from '../src/i18n/staff';

export const CHANGE_INPUT_ID = 'questionId';

export function renderChangeListCard(input: FieldQuestionsCardInput): RenderedCard {
  const { locale } = input;
  const title = staffText(locale, 'change.listTitle', { field: fieldName(input.fieldId, locale) });
  const line = (q: Question) => {
    const value = input.answers[q.id];
    return `${q.id} · ${q.text[locale]}${value === undefined ? '' : ` (${answerLabel(value, locale)})`}`;
  };
  const body: CardElement[] = [
    textBlock(title, { weight: 'bolder' }),
    {
      type: 'Input.ChoiceSet',
      id: CHANGE_INPUT_ID,
      label: title,
      style: 'expanded',
      isRequired: true,
      errorMessage: title,
      choices: input.questions.map((q) => ({ title: line(q), value: q.id })),
    },
  ];
  const data = { verb: 'change', assessmentId: input.assessmentId, questionnaireVersion: input.questionnaireVersion };
  const text = [
    `**${title}**`,
    '',
    ...input.questions.map((q) => `- ${line(q)} → „${locale === 'de' ? 'ändern' : 'change'} ${q.id}“`),
  ].join('\n');
  return {
    card: card(
      body,
      [action(input.host, staffText(locale, 'change.pick'), data, { withInputs: true, primary: true })],
      text,
    ),
    text,
  };
}

/**
 * Compact mode: all applicable questions of one field of action on one card, for respondents who prefer
 * forms. Drop-down choices keep a 27-question field well inside Teams' card size limit (about 28 KB).
 */
import {
  answerChoices,
  fieldName,
  type AnswerMap,
  type FieldId,
  type Locale,
  type Question,
} from '../src/domain/selbstcheck';
import {
  action,
  card,
  progressBar,
  textBlock,
  type CardElement,
  type CardHost,
  type RenderedCard,
} from './adaptiveCard';
import { staffText } from '../src/i18n/staff';

/** A card about several questions of one field (the form, the list to pick an answer to change). */
export interface FieldQuestionsCardInput {
  readonly host: CardHost;
  readonly locale: Locale;
  readonly assessmentId: string;
  readonly questionnaireVersion: number;
  readonly fieldId: FieldId;
  /** Questions of the field, in questionnaire order: the applicable ones on the form, the answered ones to change. */
  readonly questions: readonly Question[];
  readonly answers: AnswerMap;
}

/** Input id of a question's choice on the form; the card parser maps it back. */
export const formInputId = (questionId: string): string => `a_${questionId}`;

export function renderFieldFormCard(input: FieldQuestionsCardInput): RenderedCard {
  const { locale, questions, answers } = input;
  const answered = questions.filter((q) => answers[q.id] !== undefined).length;
  const title = staffText(locale, 'form.title', { field: fieldName(input.fieldId, locale) });
  const progress = staffText(locale, 'form.progress', { answered, total: questions.length });
  const choices = answerChoices(locale).map((c) => ({ title: `${c.number} ${c.label}`, value: c.value }));
  const body: CardElement[] = [
    textBlock(title, { weight: 'bolder', color: 'accent' }),
    textBlock(progress, { isSubtle: true, spacing: 'none', size: 'small' }),
    progressBar(questions.length === 0 ? 0 : (answered / questions.length) * 100),
    textBlock(staffText(locale, 'form.intro'), { size: 'small' }),
    ...questions.map((q): CardElement => {
      const current = answers[q.id];
      return {
        type: 'Input.ChoiceSet',
        id: formInputId(q.id),
        label: `${q.id} · ${q.text[locale]}`,
        style: 'compact',
        isRequired: false,
        placeholder: '–',
        choices,
        ...(current !== undefined && current !== 'skipped' ? { value: current } : {}),
        spacing: 'medium',
      };
    }),
  ];
  const data = {
    assessmentId: input.assessmentId,
    questionnaireVersion: input.questionnaireVersion,
    fieldId: input.fieldId,
  };
  const actions = [
    action(input.host, staffText(locale, 'form.save'), { verb: 'form', ...data }, { withInputs: true, primary: true }),
    action(input.host, staffText(locale, 'form.single'), { verb: 'single', assessmentId: input.assessmentId }),
  ];
  const text = [
    `**${title}** · ${progress}`,
    '',
    ...questions.map((q) => `${q.id}: ${q.text[locale]}`),
    '',
    `_${staffText(locale, 'form.textHint')}_`,
  ].join('\n');
  return { card: card(body, actions, text), text };
}

/** What replaces a submitted form in Teams: how many answers were saved, without inputs or buttons. */
export function renderFormSavedCard(locale: Locale, fieldId: FieldId, saved: number): RenderedCard {
  const text = `${staffText(locale, 'form.title', { field: fieldName(fieldId, locale) })}\n\n✔ ${staffText(locale, 'form.saved', { count: saved })}`;
  return {
    card: card(
      [
        textBlock(fieldName(fieldId, locale), { weight: 'bolder', color: 'accent', size: 'small' }),
        textBlock(`✔ ${staffText(locale, 'form.saved', { count: saved })}`, { weight: 'bolder', color: 'good' }),
      ],
      [],
      text,
    ),
    text,
  };
}

/** The question card: one question of the self-check with the five scale answers, comment and navigation. */
import {
  answerChoices,
  answerLabel,
  fieldName,
  subThemeLabel,
  type Locale,
  type Question,
  type StoredAnswer,
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

export interface QuestionCardInput {
  readonly host: CardHost;
  readonly locale: Locale;
  readonly assessmentId: string;
  readonly questionnaireVersion: number;
  readonly question: Question;
  /** 1-based position and approximate total ("ca.": gate answers change the number of applicable questions). */
  readonly position: number;
  readonly total: number;
  /** Pre-selects the stored answer when a respondent changes an earlier answer. */
  readonly current?: StoredAnswer;
}

export const ANSWER_INPUT_ID = 'answer';
export const COMMENT_INPUT_ID = 'comment';
const HELP_CONTAINER_ID = 'help';

export function renderQuestionCard(input: QuestionCardInput): RenderedCard {
  const { locale, question } = input;
  const data = {
    assessmentId: input.assessmentId,
    questionId: question.id,
    questionnaireVersion: input.questionnaireVersion,
  };
  const progress = staffText(locale, 'question.progress', { n: input.position, total: input.total });
  const heading =
    question.subTheme === undefined
      ? fieldName(question.field, locale)
      : `${fieldName(question.field, locale)} · ${subThemeLabel(question.subTheme, locale)}`;
  const choices = answerChoices(locale);
  const current = input.current !== undefined && input.current !== 'skipped' ? input.current : undefined;

  const body: CardElement[] = [
    textBlock(heading, { weight: 'bolder', color: 'accent', size: 'small' }),
    textBlock(progress, { isSubtle: true, spacing: 'none', size: 'small' }),
    progressBar(input.total === 0 ? 0 : ((input.position - 1) / input.total) * 100),
    textBlock(question.text[locale], { size: 'medium', weight: 'bolder' }),
    {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.ToggleVisibility',
          title: staffText(locale, 'question.help'),
          targetElements: [HELP_CONTAINER_ID],
        },
      ],
    },
    {
      type: 'Container',
      id: HELP_CONTAINER_ID,
      isVisible: false,
      style: 'emphasis',
      items: [textBlock(question.help[locale], { size: 'small' })],
    },
    {
      type: 'Input.ChoiceSet',
      id: ANSWER_INPUT_ID,
      label: staffText(locale, 'question.answerLabel'),
      style: 'expanded',
      isRequired: true,
      errorMessage: staffText(locale, 'question.answerRequired'),
      choices: choices.map((c) => ({ title: `${c.number} ${c.label}`, value: c.value })),
      ...(current !== undefined ? { value: current } : {}),
    },
    {
      type: 'Input.Text',
      id: COMMENT_INPUT_ID,
      label: staffText(locale, 'question.commentLabel'),
      placeholder: staffText(locale, 'question.commentPlaceholder'),
      isMultiline: true,
      maxLength: 2000,
    },
  ];
  const actions = [
    action(
      input.host,
      staffText(locale, 'question.actionAnswer'),
      { verb: 'answer', ...data },
      { withInputs: true, primary: true },
    ),
    action(input.host, staffText(locale, 'question.actionBack'), { verb: 'back', ...data }),
    action(input.host, staffText(locale, 'question.actionSkip'), { verb: 'skip', ...data }),
    action(input.host, staffText(locale, 'question.actionPause'), { verb: 'pause', ...data }),
  ];

  const text = [
    `**${heading}** · ${progress}`,
    '',
    question.text[locale],
    '',
    ...choices.map((c) => `${c.number}. ${c.label}`),
    '',
    `_${staffText(locale, 'question.typedHint')}_`,
  ].join('\n');
  return { card: card(body, actions, text), text };
}

/** What replaces an answered card in Teams: the question and the given answer, without inputs or buttons. */
export function renderAnsweredCard(input: {
  readonly locale: Locale;
  readonly question: Question;
  readonly value: StoredAnswer;
  readonly comment?: string;
}): RenderedCard {
  const { locale, question } = input;
  const answered = staffText(locale, 'question.answered', { answer: answerLabel(input.value, locale) });
  const body: CardElement[] = [
    textBlock(fieldName(question.field, locale), { weight: 'bolder', color: 'accent', size: 'small' }),
    textBlock(question.text[locale], { isSubtle: true }),
    textBlock(`✔ ${answered}`, { weight: 'bolder', color: 'good' }),
    ...(input.comment ? [textBlock(input.comment, { isSubtle: true, size: 'small' })] : []),
  ];
  const text = `${question.text[locale]}\n\n${answered}`;
  return { card: card(body, [], text), text };
}

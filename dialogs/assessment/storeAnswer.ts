/**
 * The one way the walk stores an answer, whether typed, clicked, skipped, changed or sent with a field's
 * form: the service checks the question against the pinned questionnaire and the answers before it.
 */
import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { AnswerMap, Question, StoredAnswer } from '../../src/domain/selbstcheck';
import { sendText } from '../send';
import { noticeOnClickedCard, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

export type StoreOutcome = 'stored' | 'round_closed' | 'not_applicable' | 'rejected';

/** `before` are the answers the new one is judged on (gates); on a form they include the form's earlier answers. */
export async function storeAnswer(
  turn: Turn,
  question: Question,
  value: StoredAnswer,
  comment: string | null,
  before: AnswerMap,
): Promise<StoreOutcome> {
  const { session } = turn.state;
  const result = await turn.deps.service.recordAnswer({
    assessment: { id: session.assessmentId, questionnaireVersion: session.questionnaireVersion },
    respondentId: session.respondentId,
    questionId: question.id,
    value,
    comment,
    channel: turn.context.activity.channelId,
    answers: before,
  });
  if (result.kind === 'stored') return 'stored';
  if (result.reason === 'round_closed' || result.reason === 'not_applicable') return result.reason;
  return 'rejected';
}

/** The round was closed meanwhile (by a colleague): nothing was stored, and the walk of this round ends. */
export async function roundClosed(turn: Turn): Promise<DialogTurnResult> {
  await sendText(turn.context, staffText(turn.locale, 'round.closed'));
  noticeOnClickedCard(turn, 'round.closed');
  return turn.dc.endDialog();
}

/** Where the respondent and the municipality stand: status, the list of answers to change, closing the round. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  FIELD_IDS,
  applicableQuestions,
  fieldInView,
  fieldName,
  fieldProgress,
  isAnswered,
  roleLabel,
} from '../../src/domain/selbstcheck';
import { renderChangeListCard } from '../../cards/changeListCard';
import { hostOf, sendCard, sendText } from '../send';
import { sendOverall } from './screens';
import type { Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

/** Own progress per field, then what colleagues of the municipality have answered (by role only). */
export async function sendStatus(turn: Turn): Promise<DialogTurnResult> {
  const { session } = turn.state;
  const lines = FIELD_IDS.map((f) => {
    const { answered, applicable } = fieldProgress(turn.q, f, turn.answers);
    return staffText(turn.locale, 'status.line', { field: fieldName(f, turn.locale), answered, applicable });
  });
  const colleagues = await turn.deps.service.colleaguesProgress(
    { id: session.assessmentId, questionnaireVersion: session.questionnaireVersion },
    session.respondentId,
  );
  const others =
    colleagues.length === 0
      ? [staffText(turn.locale, 'status.noColleagues')]
      : [
          staffText(turn.locale, 'status.colleagues'),
          ...colleagues.map((c) =>
            staffText(turn.locale, 'status.colleague', {
              role: roleLabel(c.role, turn.locale),
              fields: c.fields.map((f) => `${f.fieldId} ${f.answered}/${f.applicable}`).join(', '),
            }),
          ),
        ];
  await sendText(turn.context, [staffText(turn.locale, 'status.title'), ...lines, '', ...others].join('\n'));
  return Dialog.EndOfTurn;
}

export async function sendResult(turn: Turn): Promise<DialogTurnResult> {
  await sendOverall(turn);
  return Dialog.EndOfTurn;
}

/** "ändern" alone: the answered questions of the field in view, to pick one to change. */
export async function showChangeList(turn: Turn): Promise<DialogTurnResult> {
  const { context, state } = turn;
  const fieldId = fieldInView(turn.q, turn.answers, state);
  const answered = applicableQuestions(turn.q, fieldId, turn.answers).filter((q) => isAnswered(turn.answers, q.id));
  if (answered.length === 0) {
    await sendText(context, staffText(turn.locale, 'change.nothing'));
    return Dialog.EndOfTurn;
  }
  await sendCard(
    context,
    renderChangeListCard({
      host: hostOf(context),
      locale: turn.locale,
      assessmentId: state.session.assessmentId,
      questionnaireVersion: state.session.questionnaireVersion,
      fieldId,
      questions: answered,
      answers: turn.answers,
    }),
  );
  return Dialog.EndOfTurn;
}

/** Closes the round (coordinating roles only) with the overall result; the walk of this round ends. */
export async function completeRound(turn: Turn): Promise<DialogTurnResult> {
  const { session } = turn.state;
  const identityKey = await turn.deps.identityOf(turn.context);
  const outcome = await turn.deps.rounds.close(identityKey, session.assessmentId, session.respondentId);
  if (outcome === 'not_allowed') {
    await sendText(turn.context, staffText(turn.locale, 'round.notAllowed'));
    return Dialog.EndOfTurn;
  }
  if (outcome === 'already_completed') {
    await sendText(turn.context, staffText(turn.locale, 'round.closed'));
    return turn.dc.endDialog();
  }
  await sendOverall(turn);
  const assessment = await turn.deps.service.findAssessment(session.assessmentId);
  await sendText(turn.context, staffText(turn.locale, 'round.completed', { round: assessment?.round ?? '' }));
  return turn.dc.endDialog();
}

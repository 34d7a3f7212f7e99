/** Everything answered: what comes next (status, changing an answer, for leads the workshop), not the summary again. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import { renderNextSteps } from '../../cards/nextSteps';
import { toActivity } from '../../src/domain/messages';
import { hostOf } from '../send';
import type { View } from './turn';

export async function showNextSteps(view: View): Promise<DialogTurnResult> {
  const { session } = view.state;
  const identityKey = await view.deps.identityOf(view.context);
  const [rights, municipality] = await Promise.all([
    view.deps.rounds.rightsIn(identityKey, session.assessmentId, session.respondentId),
    view.deps.service.findMunicipality(session.municipalityId),
  ]);
  const message = renderNextSteps({
    host: hostOf(view.context),
    locale: view.locale,
    municipalityName: municipality?.name ?? session.municipalityId,
    rights,
    ...(view.deps.publicBaseUrl !== undefined ? { publicBaseUrl: view.deps.publicBaseUrl } : {}),
  });
  await view.context.sendActivity(toActivity(message));
  return Dialog.EndOfTurn;
}

/**
 * Entry point of the self-check: identifies the respondent, runs onboarding when something is missing,
 * then hands over to the question walk.
 */
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AssessmentDialog } from './assessment/assessmentDialog';
import { DIALOG_IDS } from './dialogIds';
import { OnboardingDialog, type OnboardingOptions, type OnboardingResult } from './onboardingDialog';
import { ROUND_CLOSED_MEANWHILE, sessionOf, type DialogDeps } from './session';

export type MainDialogDeps = DialogDeps;

type Step = WaterfallStepContext<Record<string, never>>;

export class MainDialog extends ComponentDialog<Record<string, never>> {
  readonly assessment: AssessmentDialog;

  constructor(private readonly deps: MainDialogDeps) {
    super(DIALOG_IDS.main);
    this.assessment = new AssessmentDialog(deps);
    this.addDialog(new OnboardingDialog(deps));
    this.addDialog(this.assessment);
    this.addDialog(
      new WaterfallDialog<Record<string, never>>(DIALOG_IDS.mainSteps, [
        (step) => this.identifyStep(step),
        (step) => this.assessmentStep(step),
        // The walk's round was closed meanwhile: identify again, which starts or joins the current round.
        (step) =>
          step.result === ROUND_CLOSED_MEANWHILE ? step.replaceDialog(DIALOG_IDS.mainSteps) : step.endDialog(),
      ]),
    );
    this.initialDialogId = DIALOG_IDS.mainSteps;
  }

  private async identifyStep(step: Step): Promise<DialogTurnResult> {
    const identityKey = await this.deps.identityOf(step.context);
    const respondent = await this.deps.service.findRespondentByIdentity(identityKey);
    if (
      respondent !== undefined &&
      respondent.consentedAt !== null &&
      respondent.municipalityId !== null &&
      // A verified member only; someone removed from their municipality goes through onboarding again.
      respondent.membership !== null &&
      respondent.role !== null
    ) {
      const assessment = await this.deps.service.startOrJoinAssessment(respondent.municipalityId, respondent);
      return step.next(sessionOf(respondent.id, assessment));
    }
    const options: OnboardingOptions = { identityKey };
    return step.beginDialog(DIALOG_IDS.onboarding, options);
  }

  private async assessmentStep(step: Step): Promise<DialogTurnResult> {
    const session = step.result as OnboardingResult;
    if (session === undefined) return step.endDialog();
    return step.beginDialog(DIALOG_IDS.assessment, session);
  }
}

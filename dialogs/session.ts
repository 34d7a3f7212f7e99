import type { TurnContext } from 'botbuilder';
import type { AnswerMap, Locale } from '../src/domain/selbstcheck';
import type { SelfCheckService } from '../src/services/selfCheckService';

/** The ids a conversation needs to continue the self-check; everything else is read from the database. */
export interface SelfCheckSession {
  readonly respondentId: string;
  readonly municipalityId: string;
  readonly assessmentId: string;
  readonly questionnaireVersion: number;
}

export function sessionOf(
  respondentId: string,
  assessment: { readonly id: string; readonly municipalityId: string; readonly questionnaireVersion: number },
): SelfCheckSession {
  return {
    respondentId,
    municipalityId: assessment.municipalityId,
    assessmentId: assessment.id,
    questionnaireVersion: assessment.questionnaireVersion,
  };
}

/** What dialogs get from the composition root. */
export interface DialogDeps {
  readonly service: SelfCheckService;
  /** The respondent's language: stored preference, else the channel locale. */
  localeOf(context: TurnContext): Promise<Locale>;
  /** The session's stored answers when they were read together with this turn's state (one use per turn). */
  readonly prefetchedAnswers?: (
    context: TurnContext,
    assessmentId: string,
    respondentId: string,
  ) => AnswerMap | undefined;
}

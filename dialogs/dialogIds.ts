/**
 * Every dialog id in one place, versioned. Persisted dialog stacks name these ids; when a release changes
 * a dialog's steps, bump its id so old stacks are recognised as unknown and the conversation resumes from
 * the stored answers instead of crashing in a step that no longer exists.
 */
export const DIALOG_IDS = {
  main: 'main.v1',
  mainSteps: 'main.v1.steps',
  onboarding: 'onboarding.v1',
  onboardingSteps: 'onboarding.v1.steps',
  consentPrompt: 'onboarding.v1.consent',
  municipalityPrompt: 'onboarding.v1.municipality',
  rolePrompt: 'onboarding.v1.role',
  /** v2: a component (the walk plus the start-over ConfirmPrompt); v1 kept a hand-rolled confirmation flag in its state. */
  assessment: 'assessment.v2',
  assessmentWalk: 'assessment.v2.walk',
  startOverPrompt: 'assessment.v2.startOver',
} as const;

export type DialogId = (typeof DIALOG_IDS)[keyof typeof DIALOG_IDS];

export const KNOWN_DIALOG_IDS: ReadonlySet<string> = new Set(Object.values(DIALOG_IDS));

/**
 * Ids of earlier releases, for the record: they are deliberately not known, so a stack that still names one
 * is reset. `assessment.v1` may hold a pending start-over confirmation whose "ja" the new walk would not
 * recognise as such; after the reset the walk resumes from the stored answers instead.
 */
export const RETIRED_DIALOG_IDS: readonly string[] = ['assessment.v1'];

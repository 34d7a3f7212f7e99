/**
 * Every dialog id in one place, versioned. Persisted dialog stacks name these ids; when a release changes
 * a dialog's steps, bump its id so old stacks are recognised as unknown and the conversation resumes from
 * the stored answers instead of crashing in a step that no longer exists.
 */
export const DIALOG_IDS = {
  main: 'main.v1',
  mainSteps: 'main.v1.steps',
  /**
   * v3: the prompts let the self-check's commands through, take the function in one's own words, show buttons
   * with a hint from the second miss on, and keep their texts' language in a memo (v2 prompts have none).
   */
  onboarding: 'onboarding.v3',
  onboardingSteps: 'onboarding.v3.steps',
  consentPrompt: 'onboarding.v3.consent',
  municipalityPrompt: 'onboarding.v3.municipality',
  rolePrompt: 'onboarding.v3.role',
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
export const RETIRED_DIALOG_IDS: readonly string[] = [
  'assessment.v1',
  // v1 offered every municipality to choose from; a stack waiting at its prompt restarts into v2.
  'onboarding.v1',
  'onboarding.v1.steps',
  'onboarding.v1.consent',
  'onboarding.v1.municipality',
  'onboarding.v1.role',
  // v2's plain ChoicePrompts kept no language memo; a stack waiting at one restarts into v3, which skips the
  // steps already stored (consent, municipality, function).
  'onboarding.v2',
  'onboarding.v2.steps',
  'onboarding.v2.consent',
  'onboarding.v2.municipality',
  'onboarding.v2.role',
];

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
  assessment: 'assessment.v1',
} as const;

export type DialogId = (typeof DIALOG_IDS)[keyof typeof DIALOG_IDS];

export const KNOWN_DIALOG_IDS: ReadonlySet<string> = new Set(Object.values(DIALOG_IDS));

/** Staff texts: Joining a municipality: codes typed in chat, onboarding's choice of municipality, the demo, roles needed for results and closing. German first; English complete. */
export const membershipDe = {
  'membership.placeholder': '–',
};

export const membershipEn: Record<keyof typeof membershipDe, string> = {
  'membership.placeholder': '–',
};

export type MembershipMessageKey = keyof typeof membershipDe;

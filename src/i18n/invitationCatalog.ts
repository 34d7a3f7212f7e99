/** Staff texts: Invitation codes and members: inviting, listing and revoking codes; listing and removing members. German first; English complete. */
export const invitationsDe = {
  'invitations.placeholder': '–',
};

export const invitationsEn: Record<keyof typeof invitationsDe, string> = {
  'invitations.placeholder': '–',
};

export type InvitationsMessageKey = keyof typeof invitationsDe;

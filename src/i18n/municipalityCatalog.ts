/** Staff texts: Municipality administration (coordinators): adding, renaming, archiving municipalities; registered tenants. German first; English complete. */
export const municipalityAdminDe = {
  'municipalityAdmin.placeholder': '–',
};

export const municipalityAdminEn: Record<keyof typeof municipalityAdminDe, string> = {
  'municipalityAdmin.placeholder': '–',
};

export type MunicipalityAdminMessageKey = keyof typeof municipalityAdminDe;

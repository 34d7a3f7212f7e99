/**
 * Where a summary card's "open in the dashboard" button leads. With the Teams app id the link opens the
 * personal dashboard tab inside Teams (SSO there); the municipality travels as the tab's subPageId
 * (`subEntityId` in the deep link). Without it the page opens in a browser at the public address.
 */
export type DashboardLink = (municipalityId: string) => string;

/** The static tab's entityId in deploy/teams/manifest.template.json. */
export const DASHBOARD_TAB_ENTITY_ID = 'dashboard';

export function dashboardLink(options: { publicBaseUrl: string; teamsAppId: string | undefined }): DashboardLink {
  const { publicBaseUrl, teamsAppId } = options;
  if (teamsAppId !== undefined) {
    return (id) =>
      `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${DASHBOARD_TAB_ENTITY_ID}?context=${encodeURIComponent(JSON.stringify({ subEntityId: id }))}`;
  }
  return (id) => `${publicBaseUrl}/dashboard/?municipality=${encodeURIComponent(id)}`;
}

import type { AppConfig } from './options';

/** What the operator is told at every start about the configuration: the trust mode and risky settings. */

/** The one start-up line that says the trust mode and what is reachable, so an operator sees it at a glance. */
export function trustModeLine(config: AppConfig, port: number): string {
  const where = config.bot.unauthenticatedRemote ? 'REMOTE' : 'loopback';
  const messages =
    config.bot.mode === 'teams'
      ? ['/api/messages (Bot Framework token required)']
      : config.bot.mode === 'local-only'
        ? [`/api/messages (unauthenticated, ${where})`]
        : [];
  const exposed = [...messages, ...(config.webChat.enabled ? ['web chat'] : []), 'dashboard', 'exports'];
  return `mode=${config.bot.mode} host=${config.http.host} port=${port} exposed=[${exposed.join(', ')}]`;
}

export interface StartupWarning {
  /** Extra log fields (no secrets: host names only). */
  fields: Record<string, string>;
  message: string;
}

/** Settings the schema allows but that weaken security or availability: warned about at every start. */
export function startupWarnings(config: AppConfig): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  if (config.bot.unauthenticatedRemote) {
    warnings.push({
      fields: { host: config.http.host },
      message:
        'ALLOW_UNAUTHENTICATED_REMOTE=true: /api/messages accepts unauthenticated activities from other machines; anyone who reaches it can act as any Teams user',
    });
  }
  if (config.dashboard.localSignIn) {
    warnings.push({
      fields: {},
      message: 'DASHBOARD_LOCAL_SIGNIN=true: anyone can pick an identity on /dashboard/ (local use and demos only)',
    });
  }
  if (config.production && config.privacy.notice.controllerName === undefined) {
    // Art. 13 GDPR: the consent text and the web chat page must name who is responsible.
    warnings.push({
      fields: {},
      message:
        'PRIVACY_CONTROLLER_NAME is not set: the consent text and the web chat page name no controller (Art. 13 GDPR); set PRIVACY_CONTROLLER_NAME, PRIVACY_CONTROLLER_ADDRESS, PRIVACY_DPO_CONTACT, PRIVACY_SUPERVISORY_AUTHORITY, PRIVACY_POLICY_URL and IMPRINT_URL',
    });
  }
  return warnings;
}

/** Issue #17: production without the controller's name (Art. 13 GDPR) is warned about at every start. */
import { loadConfig } from '../../src/config';
import { startupWarnings } from '../../src/config/startupReport';
import { baseEnv } from '../support/service';

// Production needs an app id or WEB_CHAT_ONLY; the web-chat-only mode is enough here.
const PRODUCTION = { NODE_ENV: 'production', WEB_CHAT_ONLY: 'true' };
const privacyWarnings = (env: Record<string, string>) =>
  startupWarnings(loadConfig(baseEnv(env))).filter((w) => w.message.startsWith('PRIVACY_CONTROLLER_NAME'));

describe('startup warning for the privacy notice', () => {
  it('warns in production when PRIVACY_CONTROLLER_NAME is unset or blank', () => {
    expect(privacyWarnings({ ...PRODUCTION })).toHaveLength(1);
    expect(privacyWarnings({ ...PRODUCTION, PRIVACY_CONTROLLER_NAME: '   ' })).toHaveLength(1);
  });

  it('is quiet in production with a controller, and outside production', () => {
    expect(privacyWarnings({ ...PRODUCTION, PRIVACY_CONTROLLER_NAME: 'Stadt Musterstadt' })).toEqual([]);
    expect(privacyWarnings({ NODE_ENV: 'development' })).toEqual([]);
    expect(privacyWarnings({})).toEqual([]);
  });

  it('reads the Art. 13 details into the configuration, and refuses a non-http(s) policy link', () => {
    const config = loadConfig(
      baseEnv({
        PRIVACY_CONTROLLER_NAME: 'Stadt Musterstadt',
        PRIVACY_POLICY_URL: 'https://musterstadt.example/datenschutz',
      }),
    );
    expect(config.privacy.notice.controllerName).toBe('Stadt Musterstadt');
    expect(config.privacy.notice.policyUrl).toBe('https://musterstadt.example/datenschutz');
    expect(config.privacy.notice.dpoContact).toBeUndefined();
    expect(() => loadConfig(baseEnv({ PRIVACY_POLICY_URL: 'javascript:alert(1)' }))).toThrow();
  });
});

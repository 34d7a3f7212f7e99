/** Nothing of the operator's Art. 13 information configured (the default of an unconfigured service). */
import type { PrivacyNoticeInfo } from '../../src/i18n/privacyNotice';

export const NO_PRIVACY_NOTICE: PrivacyNoticeInfo = {
  controllerName: undefined,
  controllerAddress: undefined,
  dpoContact: undefined,
  supervisoryAuthority: undefined,
  policyUrl: undefined,
  imprintUrl: undefined,
};

import { staffText, type StaffLocale } from './staff';

/**
 * The operator's Art. 13 GDPR information (configuration: `config.privacy.notice`, PRIVACY_* and IMPRINT_URL).
 * Every part is optional: what is not configured is left out of the texts, never shown as "undefined".
 */
export interface PrivacyNoticeInfo {
  readonly controllerName: string | undefined;
  readonly controllerAddress: string | undefined;
  readonly dpoContact: string | undefined;
  readonly supervisoryAuthority: string | undefined;
  /** The operator's Datenschutzerklärung; http(s) only (checked by the configuration schema and here). */
  readonly policyUrl: string | undefined;
  /** The operator's Impressum; http(s) only. */
  readonly imprintUrl: string | undefined;
}

/** Where the consent is given: the identifier stored differs (Teams ids, the web chat browser's random id). */
export type NoticeChannel = 'teams' | 'webchat' | 'other';

/** A configured, non-blank detail, trimmed; undefined otherwise. */
export function configured(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** An http(s) URL as it can stand in a Markdown link or an HTML attribute; undefined for anything else. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  const text = configured(value);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Parentheses would end a Markdown link early; the URL parser leaves them unencoded.
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The controller's name and address on one line ("Stadt X, Markt 1, 12345 X"), or undefined. */
export function controllerLine(notice: PrivacyNoticeInfo): string | undefined {
  const parts = [configured(notice.controllerName), configured(notice.controllerAddress)].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length === 0 ? undefined : parts.join(', ');
}

/**
 * What follows the consent step's "what I store" sentence: which identifier, the person's own rights in the
 * chat, and the operator's Art. 13 details that are configured. Paragraphs separated by blank lines.
 */
export function consentNotice(locale: StaffLocale, notice: PrivacyNoticeInfo, channel: NoticeChannel): string {
  const say = (key: Parameters<typeof staffText>[1], params: Record<string, string> = {}) =>
    staffText(locale, key, params);
  const controller = controllerLine(notice);
  const dpo = configured(notice.dpoContact);
  const authority = configured(notice.supervisoryAuthority);
  const policy = safeHttpUrl(notice.policyUrl);
  const imprint = safeHttpUrl(notice.imprintUrl);
  const links = [
    ...(policy !== undefined ? [say('notice.policy', { url: policy })] : []),
    ...(imprint !== undefined ? [say('notice.imprint', { url: imprint })] : []),
  ];
  const paragraphs = [
    say(channel === 'teams' ? 'notice.idTeams' : channel === 'webchat' ? 'notice.idWebChat' : 'notice.idOther'),
    say('notice.ownData'),
    ...(controller !== undefined ? [say('notice.controller', { controller })] : []),
    ...(dpo !== undefined ? [say('notice.dpo', { contact: dpo })] : []),
    authority !== undefined ? say('notice.complaintNamed', { authority }) : say('notice.complaint'),
    ...(links.length > 0 ? [links.join(' · ')] : []),
  ];
  return paragraphs.join('\n\n');
}

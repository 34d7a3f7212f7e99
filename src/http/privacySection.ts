import { configured, safeHttpUrl, type PrivacyNoticeInfo } from '../i18n/privacyNotice';

/**
 * The web chat page's Art. 13 block (issue #17): the operator's details from the configuration, rendered once
 * at start into index.html. Every configured value is HTML-escaped and links are http(s) only, so a value
 * cannot add markup; labels carry `data-i18n`, so page.js translates them like every other page text.
 */

/** The page's German strings (i18n.json), for the labels as served before page.js runs. */
export type PageStrings = Readonly<Record<string, string>>;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped and in <bdi>: a German value keeps its own direction on the Arabic page. */
function isolated(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

function label(strings: PageStrings, key: string): string {
  return `data-i18n="${key}">${escapeHtml(strings[key] ?? key)}`;
}

/** The definition list of controller (name and address), data protection officer and supervisory authority. */
export function operatorDetails(notice: PrivacyNoticeInfo, strings: PageStrings): string {
  const name = configured(notice.controllerName);
  const address = configured(notice.controllerAddress);
  const controller = [name, address].filter((p): p is string => p !== undefined).map(isolated);
  const rows: [string, string][] = [];
  if (controller.length > 0) rows.push(['privacyController', controller.join('<br>')]);
  const dpo = configured(notice.dpoContact);
  if (dpo !== undefined) rows.push(['privacyDpo', isolated(dpo)]);
  const authority = configured(notice.supervisoryAuthority);
  if (authority !== undefined) rows.push(['privacyAuthority', isolated(authority)]);
  if (rows.length === 0) return '';
  const items = rows.map(([key, value]) => `<div><dt ${label(strings, key)}</dt><dd>${value}</dd></div>`);
  return `<dl class="privacy-operator">${items.join('')}</dl>`;
}

/** Links to the operator's Datenschutzerklärung and Impressum (new tab: the page may sit in an iframe). */
export function operatorLinks(notice: PrivacyNoticeInfo, strings: PageStrings): string {
  const entries: [string, string | undefined][] = [
    ['privacyPolicy', safeHttpUrl(notice.policyUrl)],
    ['privacyImprint', safeHttpUrl(notice.imprintUrl)],
  ];
  const links = entries.flatMap(([key, url]) =>
    url === undefined
      ? []
      : [`<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer" ${label(strings, key)}</a>`],
  );
  return links.length === 0 ? '' : `<p class="privacy-links">${links.join(' · ')}</p>`;
}

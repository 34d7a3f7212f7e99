// Shared by the tab pages: Teams host detection, sign-in (Teams SSO or the local stand-in), catalog, theme.
// Plain ES module, no build step; the Teams SDK is the UMD bundle served from node_modules (global microsoftTeams).

const TOKEN_KEY = 'dashboard.localToken';

/** @type {Record<string, Record<string, string>>} */
let catalog = { de: {}, en: {} };
let currentLocale = 'de';

/** @type {{ inTeams: boolean, context: any }} */
export const host = { inTeams: false, context: null };

export async function loadCatalog() {
  const res = await fetch('/dashboard/i18n.json');
  catalog = await res.json();
}

export function locale() {
  return currentLocale;
}

export function setLocale(value) {
  currentLocale = value === 'en' ? 'en' : 'de';
  document.documentElement.lang = currentLocale;
}

/** Text from the catalog with {name} placeholders filled. */
export function t(key, vars = {}) {
  const text = catalog[currentLocale]?.[key] ?? catalog.de?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Localized text objects from the API ({de, en}). */
export function lt(text) {
  return text ? (text[currentLocale] ?? text.de) : '';
}

const numberFormats = {};
export function formatScore(value) {
  if (value === null || value === undefined) return t('noScore');
  numberFormats[currentLocale] ??= new Intl.NumberFormat(currentLocale === 'en' ? 'en-GB' : 'de-DE', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return numberFormats[currentLocale].format(value);
}

export function formatDate(iso) {
  if (!iso) return t('never');
  return new Intl.DateTimeFormat(currentLocale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** Teams themes are default, dark and contrast; the page's colours come from CSS variables per theme. */
export function applyTheme(theme) {
  const value = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = value;
  return value;
}

/** Small DOM builder: el('p', { class: 'x' }, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/**
 * Inside Teams (iframe, or a mobile host's native interface) load and initialise the Teams SDK (served by
 * this service); a plain browser window never loads it, which keeps the page small.
 */
export async function initHost() {
  const framed =
    window.parent !== window || Boolean(window.opener) || Boolean(/** @type {any} */ (window).nativeInterface);
  if (!framed) return host;
  try {
    const src = document.querySelector('meta[name="teams-js"]')?.getAttribute('content');
    if (src) await loadScript(src);
    const teams = /** @type {any} */ (window).microsoftTeams;
    await Promise.race([
      teams.app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 4000)),
    ]);
    host.inTeams = true;
    host.context = await teams.app.getContext();
  } catch {
    host.inTeams = false;
  }
  return host;
}

export function teams() {
  return /** @type {any} */ (window).microsoftTeams;
}

/** @type {Promise<string> | null} */
let ssoToken = null;

/** A bearer token: Teams SSO inside Teams, else the local stand-in's token from this browser tab's session. */
export async function token() {
  if (host.inTeams) {
    // One request for parallel callers; Teams caches and renews the token itself.
    ssoToken ??= teams().authentication.getAuthToken();
    try {
      return await ssoToken;
    } catch (err) {
      ssoToken = null;
      throw err;
    }
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signOutLocal() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function signInLocal(identityKey) {
  const res = await fetch('/api/dashboard/local-signin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identityKey }),
  });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).message ?? String(res.status));
  const body = await res.json();
  sessionStorage.setItem(TOKEN_KEY, body.token);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Downloads an export with the bearer token (a plain link would not carry it) and saves it under the
 * name the server gives; 401/403/404 become ApiError.
 */
export async function download(path) {
  const bearer = await token();
  if (!bearer) throw new ApiError(401, 'no token');
  const res = await fetch(path, { headers: { authorization: `Bearer ${bearer}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))).message ?? String(res.status));
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? path.split('/').pop() ?? 'export';
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GET an API path with the bearer token; 401/403/404 become ApiError with the status. */
export async function api(path) {
  const bearer = await token();
  if (!bearer) throw new ApiError(401, 'no token');
  const res = await fetch(path, { headers: { authorization: `Bearer ${bearer}` } });
  if (res.status === 401) {
    ssoToken = null;
    if (!host.inTeams) signOutLocal();
  }
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))).message ?? String(res.status));
  return res.json();
}

// Channel tab configuration: the tab shows one municipality, or all of them (coordinators only).
import { api, applyTheme, el, host, initHost, loadCatalog, setLocale, t, teams } from './common.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function main() {
  await Promise.all([loadCatalog(), initHost()]);
  const teamsLocale = host.context?.app?.locale ?? navigator.language;
  setLocale(new URLSearchParams(location.search).get('lang') ?? teamsLocale.slice(0, 2));
  applyTheme(host.context?.app?.theme ?? new URLSearchParams(location.search).get('theme'));
  if (host.inTeams) teams().app.registerOnThemeChangeHandler((theme) => applyTheme(theme));
  document.title = t('config.title');
  $('config-title').textContent = t('config.title');
  $('config-intro').textContent = t('config.intro');
  $('scope-label').textContent = t('col.municipality');
  const select = /** @type {HTMLSelectElement} */ ($('scope'));

  let me;
  let overview;
  try {
    [me, overview] = await Promise.all([api('/api/dashboard/me'), api('/api/dashboard/overview')]);
  } catch (err) {
    $('status').textContent = t(err?.status === 401 ? 'error.unauthorized' : 'error.load');
    return;
  }
  const options = [];
  if (me.coordinator) options.push(el('option', { value: 'all' }, t('config.all')));
  for (const row of overview.municipalities)
    options.push(el('option', { value: row.municipality.id }, row.municipality.name));
  if (options.length === 0) {
    $('status').textContent = t('config.noRights');
    return;
  }
  select.replaceChildren(...options);
  select.disabled = false;

  if (!host.inTeams) return;
  const { pages } = teams();
  pages.config.setValidityState(true);
  pages.config.registerOnSaveHandler((saveEvent) => {
    const value = select.value;
    const name = select.selectedOptions[0]?.textContent ?? value;
    const contentUrl = `${location.origin}/dashboard/${value === 'all' ? '' : `?municipality=${encodeURIComponent(value)}`}`;
    pages.config
      .setConfig({
        entityId: `weltoffen-dashboard-${value}`,
        contentUrl,
        websiteUrl: contentUrl,
        suggestedDisplayName: value === 'all' ? t('config.tabNameAll') : t('config.tabName', { name }),
      })
      .then(() => saveEvent.notifySuccess())
      .catch((err) => saveEvent.notifyFailure(String(err?.message ?? err)));
  });
}

void main();

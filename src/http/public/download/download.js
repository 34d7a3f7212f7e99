// The download page: the link's token is in the fragment (#…), which browsers never send to a server, to a
// proxy or in a Referer. It is taken out of the address bar at once, so it does not stay in the history or
// get copied along; then it is posted once and the answer saved as a file. Every message the page can show
// is already in the HTML (German and English); this script only picks one.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** @param {string} state */
function show(state) {
  const messages = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#status [data-state]'));
  for (const p of messages) p.hidden = p.getAttribute('data-state') !== state;
  document.body.setAttribute('data-outcome', state === 'working' || state === 'done' ? state : 'problem');
  document.body.setAttribute('data-state', state);
}

/** @param {number} status @param {string | undefined} code */
function stateOf(status, code) {
  if (status === 410) return code === 'LinkUsed' ? 'used' : 'expired';
  if (status === 404) return code === 'NotFound' ? 'notFound' : 'unknown';
  if (status === 400) return 'unknown';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'tooMany';
  return 'failed';
}

/** @param {string | null} header */
function fileName(header) {
  const name = /filename="([^"]+)"/.exec(header ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : 'download';
}

async function main() {
  const token = decodeURIComponent(location.hash.slice(1));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  if (!TOKEN.test(token)) return show('unknown');
  show('working');
  let res;
  try {
    res = await fetch('/api/downloads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return show('failed');
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    return show(stateOf(res.status, typeof body.code === 'string' ? body.code : undefined));
  }
  const url = URL.createObjectURL(await res.blob());
  const save = /** @type {HTMLAnchorElement} */ (document.getElementById('save'));
  save.href = url;
  save.download = fileName(res.headers.get('content-disposition'));
  save.click();
  // Kept (not revoked): the link is also the way to save the file again if the browser did not by itself.
  save.hidden = false;
  show('done');
}

main().catch(() => show('failed'));

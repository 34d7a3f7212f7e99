// Self-hosted Web Chat page: fetches a Direct Line token from this server (never a secret), then
// renders botframework-webchat in polling mode. Plain ES2017 so it runs without a build step.
(async function main() {
  'use strict';
  // An invitation or resume link carries its code in the fragment (`#code=WK-…`), which never reaches a
  // server. Taken out of the address bar first thing, before anything could log, bookmark or share it.
  var linkCode = takeCodeFromFragment();
  var userSecret = browserSecret();
  // Same as MAX_TEXT_CHARS in src/http/directLine.ts (tests/directline/webChatAssets.test.ts checks it):
  // longer messages get a polite "please write shorter" instead of an answer.
  var MAX_MESSAGE_CHARS = 2000;
  var select = document.getElementById('language');
  var host = document.getElementById('webchat');
  var catalog = await fetch('/webchat/i18n.json').then(function (r) {
    return r.json();
  });

  function pickInitial() {
    var fromQuery = new URLSearchParams(location.search).get('lang');
    if (fromQuery && catalog.locales[fromQuery]) return fromQuery;
    try {
      var saved = localStorage.getItem('weltoffen.lang');
      if (saved && catalog.locales[saved]) return saved;
    } catch (e) {
      /* storage may be blocked in embedded iframes */
    }
    var browser = (navigator.language || '').toLowerCase().split('-')[0];
    return catalog.locales[browser] ? browser : catalog['default'];
  }

  var current = pickInitial();

  // Language names stay in their own language (endonyms) so people find theirs in any UI language.
  select.textContent = '';
  catalog.order.forEach(function (code) {
    var option = document.createElement('option');
    option.value = code;
    option.lang = code === 'de-x-ls' ? 'de' : code;
    option.textContent = catalog.locales[code].name;
    select.appendChild(option);
  });
  select.value = current;

  function applyPage(code) {
    var entry = catalog.locales[code];
    document.documentElement.lang = code === 'de-x-ls' ? 'de' : code;
    document.documentElement.dir = entry.dir;
    document.title = entry.strings.documentTitle;
    document.querySelectorAll('[data-i18n]').forEach(function (el) {
      var text = entry.strings[el.getAttribute('data-i18n')];
      if (text) el.textContent = text;
    });
  }
  applyPage(current);

  var start;
  try {
    var res = await fetch('/v3/directline/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The secret only goes into this body (never a URL); the server derives the user id from it.
      body: JSON.stringify(
        userSecret
          ? { locale: catalog.locales[current].botLocale, userSecret: userSecret }
          : { locale: catalog.locales[current].botLocale },
      ),
    });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    start = await res.json();
  } catch (e) {
    var status = host.querySelector('.status');
    status.classList.add('error');
    status.setAttribute('data-i18n', 'error');
    status.textContent = catalog.locales[current].strings.error;
    return;
  }

  var directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/v3/directline',
    token: start.token,
    webSocket: false,
    pollingInterval: 500,
  });
  // Every outgoing activity carries the chosen language, including Leichte Sprache (de-x-ls), which
  // Web Chat's UI strings do not know. Web Chat stamps its own UI locale onto activities after any
  // store middleware has run, so the language is set at the last step, where the activity is posted.
  var postActivity = directLine.postActivity.bind(directLine);
  directLine.postActivity = function (activity) {
    return postActivity(Object.assign({}, activity, { locale: catalog.locales[current].botLocale }));
  };

  var styleOptions = {
    accent: '#0a5796',
    bubbleBackground: '#eef1f5',
    bubbleTextColor: '#1c2430',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#0a5796',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 10,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif',
    sendBoxHeight: 56,
    // Only Web Chat's Fluent theme reads this; the classic send box gets the attribute below.
    maxMessageLength: MAX_MESSAGE_CHARS,
  };

  // Web Chat 4.18's classic send box has no length option, and React re-creates the input on a
  // re-render (language switch), so every send box input that appears gets the maxlength attribute.
  function limitSendBox() {
    host
      .querySelectorAll('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input')
      .forEach(function (input) {
        if (input.getAttribute('maxlength') !== String(MAX_MESSAGE_CHARS))
          input.setAttribute('maxlength', String(MAX_MESSAGE_CHARS));
      });
  }
  new MutationObserver(limitSendBox).observe(host, { childList: true, subtree: true });

  function render() {
    var entry = catalog.locales[current];
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: start.userId,
        locale: entry.webChatLocale,
        dir: entry.dir,
        styleOptions: styleOptions,
      },
      host,
    );
  }
  render();

  // Idle conversations are removed on the server (404), tokens can expire (403): Web Chat then cannot
  // recover by itself, so offer a fresh conversation instead of a chat that silently stops answering.
  var ended = document.getElementById('ended');
  document.getElementById('restart').addEventListener('click', function () {
    location.reload();
  });
  directLine.connectionStatus$.subscribe(function (status) {
    // 2 Online: the code from the link goes to the bot once, as if typed (the bot's `code …` command).
    if (status === 2 && linkCode) {
      var text = 'code ' + linkCode;
      linkCode = undefined;
      directLine.postActivity({ type: 'message', text: text, from: { id: start.userId, role: 'user' } }).subscribe({
        error: function () {
          /* Web Chat shows the connection state; the person can still type the code */
        },
      });
    }
    // 3 ExpiredToken, 4 FailedToConnect, 5 Ended (botframework-directlinejs ConnectionStatus)
    if (status >= 3 && ended.hidden) {
      ended.hidden = false;
      document.getElementById('restart').focus();
    }
  });

  select.addEventListener('change', function () {
    current = select.value;
    try {
      localStorage.setItem('weltoffen.lang', current);
    } catch (e) {
      /* see above */
    }
    applyPage(current);
    render();
  });

  /**
   * The code of a `#code=…` link, or undefined; the fragment is removed from the address bar either way.
   * Only the shape of a code is accepted, so nothing else is ever sent to the bot on the page's behalf.
   */
  function takeCodeFromFragment() {
    var hash = location.hash.slice(1);
    if (!/(^|&)code=/.test(hash)) return undefined;
    var code = new URLSearchParams(hash).get('code');
    try {
      history.replaceState(history.state, '', location.pathname + location.search);
    } catch (e) {
      location.hash = '';
    }
    return code && /^[A-Za-z0-9-]{1,40}$/.test(code) ? code : undefined;
  }

  /**
   * This browser's own random secret (`weltoffen.uid`, 128 bits as 32 hex characters): the server derives
   * the user id from it, so the person stays the same after a reload. Undefined when storage is blocked
   * (some embedded iframes, strict privacy settings): then every page load is a new user.
   */
  function browserSecret() {
    try {
      var saved = localStorage.getItem('weltoffen.uid');
      if (saved && /^[0-9a-f]{32}$/.test(saved)) return saved;
      var bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      var fresh = Array.prototype.map
        .call(bytes, function (b) {
          return (b < 16 ? '0' : '') + b.toString(16);
        })
        .join('');
      localStorage.setItem('weltoffen.uid', fresh);
      // Only a secret that was really kept is worth sending: otherwise the next load would differ anyway.
      return localStorage.getItem('weltoffen.uid') === fresh ? fresh : undefined;
    } catch (e) {
      return undefined;
    }
  }
})();

// Embed snippet for municipal websites:
//   <script src="https://<bot-host>/embed.js" async></script>
// Inserts the chat as an iframe right where the script tag stands; the chat page keeps its own origin,
// so the host site's cookies and scripts stay out of the conversation.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang');
  var frame = document.createElement('iframe');
  frame.src = origin + '/' + (lang ? '?lang=' + encodeURIComponent(lang) : '');
  frame.title = script.getAttribute('data-title') || 'Chat Weltoffene Kommune / Chat Weltoffene Kommune';
  frame.style.width = '100%';
  frame.style.maxWidth = '760px';
  frame.style.height = script.getAttribute('data-height') || '640px';
  frame.style.border = '1px solid #d9d6cc';
  frame.style.borderRadius = '10px';
  frame.setAttribute('loading', 'lazy');
  script.parentNode.insertBefore(frame, script);
})();

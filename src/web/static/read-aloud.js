// Read-aloud of an item page through the browser's own speech synthesis (nothing leaves the browser).
// An enhancement only: without speechSynthesis support, no button is shown.
(function () {
  if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') return;
  var body = document.querySelector('.gk-article .gk-body');
  if (!body || document.querySelector('.gk-print-view')) return;
  var title = document.querySelector('.gk-article h1');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'gk-button gk-button--secondary gk-read-aloud js-read-aloud';
  button.textContent = '朗读全文';
  button.setAttribute('aria-pressed', 'false');
  var reset = function () {
    button.textContent = '朗读全文';
    button.setAttribute('aria-pressed', 'false');
  };
  button.addEventListener('click', function () {
    var synth = window.speechSynthesis;
    if (synth.speaking) {
      synth.cancel();
      reset();
      return;
    }
    var text = ((title ? title.textContent + '。' : '') + body.textContent).replace(/\s+/g, ' ').trim();
    var u = new window.SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.onend = reset;
    u.onerror = reset;
    synth.speak(u);
    button.textContent = '停止朗读';
    button.setAttribute('aria-pressed', 'true');
  });
  body.parentNode.insertBefore(button, body);
})();

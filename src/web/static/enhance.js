// Progressive enhancement only: every page works without this file.
(function () {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
  var summary = document.querySelector('.gk-error-summary');
  if (summary) summary.focus();
  // Confirm destructive actions marked with js-confirm.
  document.querySelectorAll('form.js-confirm').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm') || '确定要执行此操作吗？')) e.preventDefault();
    });
  });
})();

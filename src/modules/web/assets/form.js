// Progressive enhancement for the inquiry form; every page works without this file.
// Served as a file of its own because the pages' Content-Security-Policy allows no inline
// script. It starts two DKFDS components: the live character counter and the error summary.
(function () {
  'use strict';
  var DKFDS = window.DKFDS;
  if (!DKFDS) return;

  var limits = document.querySelectorAll('.form-limit[data-maxlength]');
  for (var i = 0; i < limits.length; i++) {
    var texts;
    try {
      texts = JSON.parse(limits[i].getAttribute('data-limit-texts') || 'null');
    } catch {
      texts = null;
    }
    new DKFDS.CharacterLimit(limits[i], texts || undefined).init();
  }

  // Moves focus to the summary so a screen reader announces the problems first, and makes
  // its links scroll the field's label into view.
  var summary = document.querySelector('[data-module="error-summary"]');
  if (summary) new DKFDS.ErrorSummary(summary).init();
})();

// Preview only (EXHIBITION_PREVIEW=1): reload the page soon after a content file is saved.
// Public pages and frozen editions never load this file.
(function () {
  "use strict";

  var meta = document.querySelector("meta[name='exhibition-preview']");
  if (!meta || !window.fetch) return;
  var seen = meta.content;
  var url = meta.getAttribute("data-url");
  var EVERY = 250; // milliseconds between questions: a save shows within a second

  function ask() {
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : seen; })
      .then(function (version) {
        if (version && version !== seen) {
          window.location.reload();
          return;
        }
        window.setTimeout(ask, EVERY);
      })
      .catch(function () { window.setTimeout(ask, EVERY * 4); }); // the server restarting
  }

  window.setTimeout(ask, EVERY);
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Keys belong to these while they have focus: text entry, and media whose arrows seek.
  var OWN_KEYS = "input, textarea, select, audio, video, [contenteditable]:not([contenteditable='false'])";

  function keepsArrows(element) {
    return element instanceof Element && element.closest(OWN_KEYS) !== null;
  }

  // Follow the tour with the arrow keys: left to rel=prev, right to rel=next.
  function followTour(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
    if (!rel || keepsArrows(event.target) || keepsArrows(document.activeElement)) return;
    var link = document.querySelector(".tour a[rel~='" + rel + "']") || document.querySelector("a[rel~='" + rel + "']");
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  }

  if (document.querySelector("a[rel~='prev'], a[rel~='next']")) {
    document.addEventListener("keydown", followTour);
    // The hint only makes sense once the keys work.
    var hint = document.querySelector(".tour-keys");
    if (hint) hint.hidden = false;
  }
})();

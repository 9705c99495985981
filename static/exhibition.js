// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Keys belong to these while they have focus: text entry, and media whose arrows seek.
  var OWN_KEYS = "input, textarea, select, audio, video, [contenteditable]:not([contenteditable='false'])";

  function keepsArrows(element) {
    return element instanceof Element && element.closest(OWN_KEYS) !== null;
  }

  // The arrow keys in reading order: left to rel=prev and right to rel=next, the other way
  // round on a page that reads right to left, where the previous exhibit is to the right.
  function tourKeys() {
    var rtl = window.getComputedStyle(document.documentElement).direction === "rtl";
    return rtl ? { ArrowRight: "prev", ArrowLeft: "next" } : { ArrowLeft: "prev", ArrowRight: "next" };
  }

  // Follow the tour with the arrow keys.
  function followTour(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var rel = tourKeys()[event.key];
    if (!rel || keepsArrows(event.target) || keepsArrows(document.activeElement)) return;
    var link = document.querySelector(".tour a[rel~='" + rel + "']") || document.querySelector("a[rel~='" + rel + "']");
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  }

  // In the lobby, offer the exhibition in the first language the visitor's browser asks for,
  // if the page is not in it already. Done here, not on the server, so the page stays the same
  // for every visitor and can be cached; never a redirect.
  function inviteToLanguage() {
    var current = document.documentElement.lang.split("-")[0];
    var offered = document.querySelectorAll(".language-switcher a[hreflang][data-invitation]");
    var wanted = (navigator.languages || [navigator.language || ""]).map(function (tag) {
      return tag.split("-")[0].toLowerCase();
    });
    for (var i = 0; i < wanted.length; i++) {
      if (wanted[i] === current) return;
      for (var j = 0; j < offered.length; j++) {
        if (offered[j].hreflang.split("-")[0] !== wanted[i]) continue;
        var line = document.createElement("p");
        var link = document.createElement("a");
        line.className = "language-invitation";
        line.lang = offered[j].lang;
        line.dir = offered[j].dir;
        link.setAttribute("href", offered[j].getAttribute("href"));
        link.hreflang = offered[j].hreflang;
        link.textContent = offered[j].dataset.invitation;
        line.appendChild(link);
        document.querySelector("main").prepend(line);
        return;
      }
    }
  }

  if (document.body.classList.contains("lobby")) inviteToLanguage();

  if (document.querySelector("a[rel~='prev'], a[rel~='next']")) {
    document.addEventListener("keydown", followTour);
    // The hint only makes sense once the keys work.
    var hint = document.querySelector(".tour-keys");
    if (hint) hint.hidden = false;
    // Name each link's key as this page reads; the markup names them left to right.
    var keys = tourKeys();
    Object.keys(keys).forEach(function (key) {
      document.querySelectorAll("a[rel~='" + keys[key] + "'][aria-keyshortcuts]").forEach(function (link) {
        link.setAttribute("aria-keyshortcuts", key);
      });
    });
  }
})();

// An archived edition's search page: find the words of ?q= in the edition's own Pagefind
// index (pagefind/ at the edition's root, one index per language, chosen by <html lang>).
// The page works without it: it then says search needs JavaScript and leads elsewhere.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../", script.src); // static/ is at the edition's root

  function show(results, found, query, box) {
    var list = document.getElementById("edition-search-results");
    var status = document.getElementById("edition-search-status");
    list.replaceChildren();
    found.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "found";
      var heading = document.createElement("h3");
      var link = document.createElement("a");
      link.href = new URL(data.raw_url.replace(/^\/+/, ""), root).href;
      link.textContent = data.meta.title;
      heading.appendChild(link);
      var snippet = document.createElement("p");
      snippet.className = "found-snippet";
      snippet.innerHTML = data.excerpt; // Pagefind's text, escaped, its matches in <mark>
      item.append(heading, snippet);
      list.appendChild(item);
    });
    status.textContent = box.dataset.found
      .replace("{query}", query)
      .replace("{num}", results.results.length);
  }

  async function search(box, query) {
    var pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ excerptLength: 24 });
    var results = await pagefind.search(query);
    var found = await Promise.all(results.results.slice(0, 20).map(function (r) {
      return r.data();
    }));
    show(results, found, query, box);
  }

  function start() {
    var box = document.querySelector(".edition-search");
    var query = (new URLSearchParams(location.search).get("q") || "").trim().slice(0, 200);
    var input = document.getElementById("site-search-q");
    if (input) input.value = query;
    if (!box || location.protocol === "file:") return; // the page's note says why
    document.getElementById("edition-search-without").hidden = true;
    if (!query) return;
    search(box, query).catch(function () {
      document.getElementById("edition-search-status").textContent = box.dataset.failed;
      document.getElementById("edition-search-without").hidden = false;
    });
  }

  start();
})();

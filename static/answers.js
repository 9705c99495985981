// Progressive enhancement of the question's form: answer in place, then show the results
// where the form was. Without this file the form posts and the results open as a page.
(function () {
  "use strict";

  function showResults(form, html) {
    var found = new DOMParser().parseFromString(html, "text/html");
    var results = found.getElementById("answer-results");
    var thanks = found.querySelector(".answer-thanks");
    if (!results) return false;
    var place = document.createElement("div");
    place.className = "answer-in-place";
    if (thanks) {
      thanks.tabIndex = -1;
      place.appendChild(document.adoptNode(thanks));
    }
    place.appendChild(document.adoptNode(results));
    form.replaceWith(place);
    (thanks || results).focus();
    return true;
  }

  function answer(event) {
    var form = event.target;
    if (!form.matches || !form.matches(".ip-question .answer-form")) return;
    event.preventDefault();
    var button = form.querySelector("button[type='submit']");
    button.disabled = true;
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        if (!showResults(form, html)) form.submit();
      })
      .catch(function () {
        // The page that says what happened (expired form, too many answers, …) opens instead.
        form.submit();
      });
  }

  document.addEventListener("submit", answer);
})();

// Deep zoom, as progressive enhancement: without this file a "View the full image"
// link opens the largest copy; with it, the link opens OpenSeadragon over the
// image's Deep Zoom tiles in a modal dialog. The viewer's 350 KB load only on click.
(function () {
  "use strict";

  var links = document.querySelectorAll("a[data-zoom]");
  if (!links.length || typeof HTMLDialogElement !== "function") return;
  // The file name may carry its content hash: zoom.3f9c0a1b2d4e.js.
  var vendor = document.currentScript.src.replace(/zoom(\.[0-9a-f]+)?\.js(\?.*)?$/, "vendor/openseadragon/");
  var loading = null;

  function loadViewer() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = vendor + "openseadragon.min.js";
        script.onload = function () { resolve(window.OpenSeadragon); };
        script.onerror = function () { loading = null; reject(new Error("the viewer did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function open(link) {
    var viewer = null;
    var dialog = document.createElement("dialog");
    dialog.className = "zoom-dialog";
    dialog.setAttribute("aria-label", link.getAttribute("data-zoom-label") || "Zoomable image");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "zoom-close";
    close.textContent = "Close";
    var stage = document.createElement("div");
    stage.className = "zoom-stage";
    dialog.append(close, stage);
    document.body.appendChild(dialog);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (viewer) viewer.destroy();
      dialog.remove();
      link.focus();
    });
    dialog.showModal();
    loadViewer().then(function (OpenSeadragon) {
      viewer = OpenSeadragon({
        element: stage,
        tileSources: link.getAttribute("data-zoom"),
        prefixUrl: vendor + "images/",
        showNavigator: true,
        showRotationControl: true,
        maxZoomPixelRatio: 2,
        visibilityRatio: 1
      });
      dialog.zoomViewer = viewer;  // for tests: the viewer of the open dialog
    }, function () {
      dialog.close();
      window.location.assign(link.href);
    });
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      open(link);
    });
  });
})();

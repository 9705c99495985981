// A room in 360°, as progressive enhancement: the room page is whole without this
// file. Where JavaScript runs and WebGL exists, it shows "Enter the room in 360°";
// only then are Pannellum's files loaded, and the room's picture shown with a
// hotspot on each work. The works are also a list of real links beside the view:
// focusing one turns the view to it, following it opens its exhibit. A view that
// fails is taken away: the page stays as it was, never showing a broken viewer.
(function () {
  "use strict";

  var section = document.querySelector("[data-panorama]");
  if (!section || !hasWebGL()) return;
  // The file name may carry its content hash: panorama.3f9c0a1b2d4e.js.
  var vendor = document.currentScript.src.replace(/panorama(\.[0-9a-f]+)?\.js(\?.*)?$/, "vendor/pannellum/");
  var still = window.matchMedia("(prefers-reduced-motion: reduce)");
  var button = section.querySelector("[data-panorama-open]");
  var stage = section.querySelector("[data-panorama-stage]");
  var works = section.querySelector("[data-panorama-works]");
  var viewer = null;

  function hasWebGL() {
    try {
      var canvas = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (canvas.getContext("webgl") || canvas.getContext("experimental-webgl")));
    } catch (error) {
      return false;
    }
  }

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("the 360° viewer did not load")); };
      document.head.appendChild(element);
    });
  }

  function loadViewer() {
    return Promise.all([
      load("link", { rel: "stylesheet", href: vendor + "pannellum.css" }),
      load("script", { src: vendor + "pannellum.js" })
    ]).then(function () { return window.pannellum; });
  }

  function hotspots() {
    return Array.prototype.map.call(works.querySelectorAll("a[data-yaw]"), function (link) {
      return {
        type: "info",
        yaw: Number(link.getAttribute("data-yaw")),
        pitch: Number(link.getAttribute("data-pitch")),
        text: link.textContent,
        cssClass: "room-360-spot",
        clickHandlerFunc: function () { window.location.assign(link.href); }
      };
    });
  }

  function turnTo(link) {
    if (!viewer) return;
    var yaw = Number(link.getAttribute("data-yaw"));
    var pitch = Number(link.getAttribute("data-pitch"));
    viewer.lookAt(pitch, yaw, viewer.getHfov(), still.matches ? false : 600);
  }

  // From an edition's folder (file://) a page may not read the picture beside it: the
  // edition holds it as a script too (exhibition/archive/offline.py), loaded before the
  // button is offered, and the button is offered only if it came.
  function picture() {
    var address = section.getAttribute("data-panorama");
    if (window.location.protocol !== "file:") return Promise.resolve(address);
    var name = address.split("/").pop();
    return load("script", { src: address.replace(/\.jpg$/, ".js") }).then(function () {
      var found = window.roomPanoramas && window.roomPanoramas[name];
      if (!found) throw new Error("the room's picture is not in this edition");
      return found;
    });
  }

  function close() {
    if (viewer) viewer.destroy();
    viewer = null;
    section.hidden = true;
  }

  function open(address) {
    button.disabled = true;
    stage.hidden = false;
    works.hidden = false;
    loadViewer().then(function (pannellum) {
      viewer = pannellum.viewer(stage, {
        type: "equirectangular",
        panorama: address,
        // A later page of a large room opens facing the first of its works.
        yaw: Number(section.getAttribute("data-panorama-yaw")) || 0,
        autoLoad: true,
        showControls: false,
        keyboardZoom: true,
        mouseZoom: false,
        hfov: 90,
        minHfov: 40,
        maxHfov: 110,
        hotSpots: hotspots(),
        strings: { loadingLabel: section.getAttribute("data-loading") || "Loading…" }
      });
      viewer.on("error", close);
      stage.panoramaViewer = viewer;  // for tests: the viewer of the room
      button.parentNode.hidden = true;
      stage.focus();
    }, function () {
      stage.hidden = true;
      works.hidden = true;
      button.disabled = false;
    });
  }

  works.addEventListener("focusin", function (event) {
    if (event.target.matches("a[data-yaw]")) turnTo(event.target);
  });
  picture().then(function (address) {
    button.addEventListener("click", function () { open(address); });
    section.hidden = false;
  }, function () {});
})();

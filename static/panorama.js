// A room in 360°, as progressive enhancement: the room page is whole without this
// file. Where JavaScript runs and WebGL exists, it shows "Enter the room in 360°";
// only then are Pannellum's files loaded, and the room's picture shown with a
// hotspot on each work. The works are also a list of real links beside the view:
// focusing one turns the view to it, following it opens its exhibit.
(function () {
  "use strict";

  var section = document.querySelector("[data-panorama]");
  // From an edition's folder (file://) the picture cannot be read into WebGL: the page stays as it is.
  if (!section || window.location.protocol === "file:" || !hasWebGL()) return;
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

  function open() {
    button.disabled = true;
    stage.hidden = false;
    works.hidden = false;
    loadViewer().then(function (pannellum) {
      viewer = pannellum.viewer(stage, {
        type: "equirectangular",
        panorama: section.getAttribute("data-panorama"),
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
  button.addEventListener("click", open);
  section.hidden = false;
})();

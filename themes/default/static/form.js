/* Starts the form engine (form-wasm, in form-engine.js) once it is ready.
   Everything the page does is in the engine; without it the form still
   reads, fills and prints, and the page says that saving is off.
   Also the theme's part of the tool bar: the button that opens the file
   input, and the bar's height for scroll-padding. */
(function () {
  "use strict";
  var root = document.documentElement;
  function failed(e) {
    root.setAttribute("data-engine", "failed");
    root.setAttribute("data-engine-error", String((e && e.message) || e));
    var note = document.getElementById("engine-failed");
    if (note) note.hidden = false;
  }
  function start() {
    try {
      // The glue declares `wasm_bindgen` with `let`: a global name, not a window property.
      wasm_bindgen.start_form();
      // When the form became interactive, for the benchmark (tests/e2e/bench.mjs).
      if (window.performance) root.setAttribute("data-ready-at", performance.now().toFixed(1));
    } catch (e) {
      failed(e);
    }
  }
  // A button that opens a file input (导入数据文件): a real button, so it
  // takes focus and answers Enter and Space like the other tools.
  var openers = document.querySelectorAll("[data-opens]");
  for (var i = 0; i < openers.length; i++) {
    openers[i].addEventListener("click", function () {
      var input = document.getElementById(this.getAttribute("data-opens"));
      if (input) input.click();
    });
  }
  // The tool bar stays at the top of the window on a long form; what the
  // browser scrolls into view (a focused field, an error's link) stops
  // below it, however many lines the bar wraps to.
  var tools = document.querySelector(".form-tools");
  if (tools && window.ResizeObserver) {
    new ResizeObserver(function () {
      root.style.setProperty("--tools-height", tools.offsetHeight + "px");
    }).observe(tools);
  }
  if (window.formEngineReady) start();
  else if (window.formEngineError) failed(window.formEngineError);
  else if (typeof wasm_bindgen === "undefined") failed(new Error("form-engine.js did not load"));
  else {
    document.addEventListener("form-engine-ready", start, { once: true });
    document.addEventListener("form-engine-error", function (e) { failed(e.detail); }, { once: true });
  }
})();

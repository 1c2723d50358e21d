/* Starts the form engine (form-wasm, in form-engine.js) once it is ready.
   Everything the page does is in the engine; without it the form still
   reads, fills and prints, and the page says that saving is off. */
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
  if (window.formEngineReady) start();
  else if (window.formEngineError) failed(window.formEngineError);
  else if (typeof wasm_bindgen === "undefined") failed(new Error("form-engine.js did not load"));
  else {
    document.addEventListener("form-engine-ready", start, { once: true });
    document.addEventListener("form-engine-error", function (e) { failed(e.detail); }, { once: true });
  }
})();

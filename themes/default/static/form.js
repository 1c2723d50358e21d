/* Starts the form engine (form-wasm, in form-engine.js). Everything the page
   does is in the engine; without it the form still reads, fills and prints. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    // The glue declares `wasm_bindgen` with `let`: a global name, not a window property.
    if (typeof wasm_bindgen === "undefined" || typeof wasm_bindgen.start_form !== "function") {
      throw new Error("form-engine.js did not load");
    }
    wasm_bindgen.start_form();
  } catch (e) {
    root.setAttribute("data-engine", "failed");
    root.setAttribute("data-engine-error", String((e && e.message) || e));
    var note = document.getElementById("engine-failed");
    if (note) note.hidden = false;
  }
})();

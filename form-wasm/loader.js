// Loader: the module is embedded gzip-compressed (base64 of gzip text
// compresses far better than base64 of the bare module); the browser's own
// DecompressionStream inflates it, wasm_bindgen.initSync compiles it, and then
// formEngineReady is set and "form-engine-ready" dispatched on document
// ("form-engine-error" with formEngineError on failure). No fetch, no eval.
(function () {
  "use strict";
  var g = typeof globalThis !== "undefined" ? globalThis : self;
  var doc = typeof document !== "undefined" ? document : null;
  function announce(name, detail) {
    if (doc && typeof CustomEvent === "function") {
      doc.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }
  }
  function fail(e) {
    g.formEngineReady = false;
    g.formEngineError = e;
    announce("form-engine-error", e);
  }
  try {
    var text = atob("__FORM_ENGINE_WASM_GZIP_BASE64__");
    var packed = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
    var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream)
      .arrayBuffer()
      .then(function (buffer) {
        wasm_bindgen.initSync({ module: new Uint8Array(buffer) });
        g.formEngineReady = true;
        announce("form-engine-ready", null);
      })
      .catch(fail);
  } catch (e) {
    fail(e);
  }
})();

// Loader of a WebAssembly bundle (the form engine, the Word writer): the
// module is embedded gzip-compressed (base64 of gzip text compresses far
// better than base64 of the bare module); the browser's own
// DecompressionStream inflates it, initSync compiles it, and then, for the
// bundle "form-engine", `formEngine` (its exports) and `formEngineReady` are
// set and "form-engine-ready" dispatched on document ("form-engine-error"
// with `formEngineError` on failure). No fetch, no eval. The build puts the
// glue's global and the bundle's name in the call at the end.
(function (bindgen, name) {
  "use strict";
  var g = typeof globalThis !== "undefined" ? globalThis : self;
  var doc = typeof document !== "undefined" ? document : null;
  var flag = name.replace(/-([a-z])/g, function (_, c) {
    return c.toUpperCase();
  });
  function announce(event, detail) {
    if (doc && typeof CustomEvent === "function") {
      doc.dispatchEvent(new CustomEvent(name + "-" + event, { detail: detail }));
    }
  }
  function fail(e) {
    g[flag + "Ready"] = false;
    g[flag + "Error"] = e;
    announce("error", e);
  }
  try {
    var base64 = "__WASM_GZIP_BASE64__";
    var packed;
    if (typeof Uint8Array.fromBase64 === "function") packed = Uint8Array.fromBase64(base64);
    else {
      var text = atob(base64);
      packed = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
    }
    var inflate = new DecompressionStream("gzip");
    var writer = inflate.writable.getWriter();
    // Bytes that do not inflate also fail the readable side, handled below.
    writer.write(packed).catch(function () {});
    writer.close().catch(function () {});
    new Response(inflate.readable)
      .arrayBuffer()
      .then(function (buffer) {
        bindgen.initSync({ module: new Uint8Array(buffer) });
        g[flag] = bindgen;
        g[flag + "Ready"] = true;
        announce("ready", null);
      })
      .catch(fail);
  } catch (e) {
    fail(e);
  }
})(__BINDGEN_GLOBAL__, "__BUNDLE_NAME__");

// The loader at the end of form-engine.js (form-wasm/loader.js), on its own:
// the build puts base64(gzip(module)) where the placeholder is, and the page
// must get exactly the module's bytes, or a reported failure, never a hang.
// No browser: node's Response, DecompressionStream and atob are the same web
// APIs the loader uses in the page. Where the page has Uint8Array.fromBase64
// (Chromium, Firefox) the loader uses it; node 20 has not, so each test runs
// both ways, the second with the function put in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import vm from "node:vm";

const PLACEHOLDER = "__WASM_GZIP_BASE64__";
// As build-engine.sh completes it for the engine.
const loader = readFileSync(new URL("../../form-wasm/loader.js", import.meta.url), "utf8")
  .replace("__BINDGEN_GLOBAL__", "wasm_bindgen")
  .replace("__BUNDLE_NAME__", "form-engine");

// Runs the loader with `payload` (base64 text) in place of the module, in a
// fresh global with only what a page would give it (with or without
// Uint8Array.fromBase64), and resolves with that global and the events
// dispatched once the loader announced an outcome.
function runLoader(payload, { fromBase64 = false } = {}) {
  assert.equal(loader.split(PLACEHOLDER).length, 2, `${PLACEHOLDER} must occur exactly once in loader.js`);
  const initSyncCalls = [];
  const events = [];
  let announced;
  const outcome = new Promise((resolve) => (announced = resolve));
  const document = {
    dispatchEvent(event) {
      events.push({ type: event.type, detail: event.detail });
      announced();
      return true;
    },
  };
  const wasm_bindgen = {
    initSync(options) {
      // A copy: the loader must hand over the bytes, not a view we keep reading.
      initSyncCalls.push(Uint8Array.from(options.module));
    },
  };
  const context = vm.createContext({
    document,
    wasm_bindgen,
    // Where fromBase64 is there, atob is not needed: it is left out, so the
    // test fails if the loader does not use fromBase64.
    atob: fromBase64 ? undefined : atob,
    Response,
    DecompressionStream,
    CustomEvent,
  });
  if (fromBase64) {
    // As the browsers define it: strict base64 in, a Uint8Array of this global out.
    context.decode = (text) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw new SyntaxError("not base64");
      return [...Buffer.from(text, "base64")];
    };
    vm.runInContext("Uint8Array.fromBase64 = function (text) { return Uint8Array.from(decode(text)); };", context);
  }
  vm.runInContext(loader.replace(PLACEHOLDER, () => payload), context, { filename: "loader.js" });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("the loader announced nothing within 5 s")), 5000).unref(),
  );
  return Promise.race([outcome, timeout]).then(() => ({ global: context, events, initSyncCalls }));
}

for (const fromBase64 of [false, true]) {
  const way = fromBase64 ? " (Uint8Array.fromBase64)" : " (atob)";

  test(`the loader inflates the embedded module and hands initSync exactly its bytes${way}`, async () => {
    // Not a real module: the loader never looks inside, and a wasm header plus
    // every byte value shows that nothing is lost or re-encoded on the way.
    const bytes = Buffer.concat([
      Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    ]);
    const { global, events, initSyncCalls } = await runLoader(gzipSync(bytes).toString("base64"), { fromBase64 });
    assert.equal(initSyncCalls.length, 1);
    assert.deepEqual(Buffer.from(initSyncCalls[0]), bytes);
    assert.equal(global.formEngineReady, true);
    assert.equal(global.formEngineError, undefined);
    assert.equal(global.formEngine, global.wasm_bindgen, "the exports, as a property of the global");
    assert.deepEqual(events, [{ type: "form-engine-ready", detail: null }]);
  });

  test(`corrupt data sets formEngineError and dispatches form-engine-error, and initSync is never called${way}`, async () => {
    // A gzip stream cut short: valid base64, a valid gzip header, no end.
    const packed = gzipSync(Buffer.from("a module that never arrives whole".repeat(64)));
    const { global, events, initSyncCalls } = await runLoader(packed.subarray(0, Math.floor(packed.length / 2)).toString("base64"), {
      fromBase64,
    });
    assert.equal(initSyncCalls.length, 0);
    assert.equal(global.formEngineReady, false);
    assert.ok(global.formEngineError, "formEngineError is set");
    assert.deepEqual(
      events.map((e) => e.type),
      ["form-engine-error"],
    );
    assert.equal(events[0].detail, global.formEngineError);
  });

  test(`a loader whose placeholder was never replaced fails the same way${way}`, async () => {
    const { global, events, initSyncCalls } = await runLoader(PLACEHOLDER, { fromBase64 });
    assert.equal(initSyncCalls.length, 0);
    assert.equal(global.formEngineReady, false);
    assert.deepEqual(
      events.map((e) => e.type),
      ["form-engine-error"],
    );
  });
}

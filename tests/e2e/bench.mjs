// Browser benchmark (not a test): `node tests/e2e/bench.mjs` after a build.
// Reports, medians over several runs in headless Chromium:
//  - load to interactive: navigation start to the engine started and the
//    form ready (from file://), with domInteractive for comparison;
//  - per keystroke on the platform form filled with 30 enterprises,
//    15 activities and 12 agreements: one input event's whole update
//    (read all answers, evaluate, show messages and metrics, save draft).
import { launch, site, fileUrl, openPage, fixture, fillForm } from "./harness.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
site();
const browser = await launch();

for (const path of ["forms/base-application.html", "forms/platform-application.html"]) {
  const ready = [];
  const interactive = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await openPage(context, fileUrl(path));
    ready.push(Number(await page.getAttribute("html", "data-ready-at")));
    interactive.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].domInteractive));
    await context.close();
  }
  console.log(`${path}: load to interactive form median ${median(ready).toFixed(1)} ms (domInteractive ${median(interactive).toFixed(1)} ms), 7 loads`);
}

const context = await browser.newContext();
const page = await openPage(context, fileUrl("forms/platform-application.html"));
await fillForm(page, fixture("platform-complete.json").data);
const times = await page.evaluate(() => {
  const input = document.getElementById("f-service_staff");
  const out = [];
  for (let i = 0; i < 300; i++) {
    input.value = String(40 + (i % 20));
    const t = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    out.push(performance.now() - t);
  }
  return out;
});
const engineOnly = await page.evaluate(() => wasm_bindgen.measure_evaluation(1000));
console.log(
  `platform form, 30 enterprises / 15 activities / 12 agreements: per keystroke (whole update) median ${median(times).toFixed(2)} ms over ${times.length} keystrokes; the engine's evaluation alone mean ${(engineOnly * 1000).toFixed(0)} µs over 1000 runs`,
);
await browser.close();

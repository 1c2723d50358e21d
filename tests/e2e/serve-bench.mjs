// Edit-loop benchmark (not a test): `node tests/e2e/serve-bench.mjs`.
// Starts `site-gen serve` on a copy of content/, opens a guidance page in
// headless Chromium, then saves its Markdown file again and again with a
// new title and times, on the machine's one clock, from just before the
// save to the reloaded page's DOMContentLoaded (the new text is on screen)
// and its load event. Also the server's own rebuild times from its log.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./harness.mjs";
import { startServe } from "./serve-helper.mjs";

const SAVES = Number(process.env.SAVES || 20);
const PAGE = "guide/how-to-apply.html";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const serve = await startServe();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(serve.base + PAGE);
const source = join(serve.content, "guide/how-to-apply.md");
const original = readFileSync(source, "utf8");
const builtBefore = serve.log.out.split("\n").length;

const started = [];
const shown = [];
const loaded = [];
for (let i = 1; i <= SAVES; i++) {
  const title = `如何申报（第${i}次修改）`;
  const reloaded = page.waitForEvent("load", { timeout: 30000 });
  const saved = Date.now();
  writeFileSync(source, original.replace("title: 如何申报", `title: ${title}`));
  await reloaded;
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      start: performance.timeOrigin,
      dcl: performance.timeOrigin + nav.domContentLoadedEventEnd,
      load: performance.timeOrigin + nav.loadEventEnd,
      h1: document.querySelector("h1").textContent,
    };
  });
  if (t.h1 !== title) throw new Error(`reload ${i} showed “${t.h1}”, not “${title}”`);
  started.push(t.start - saved);
  shown.push(t.dcl - saved);
  loaded.push(t.load - saved);
  await new Promise((ok) => setTimeout(ok, 200));
}
writeFileSync(source, original);

const rebuilds = serve.log.out
  .split("\n")
  .slice(builtBefore - 1)
  .map((l) => l.match(/built .* in (\d+) ms/))
  .filter(Boolean)
  .map((m) => Number(m[1]));
console.log(`${SAVES} saves of content/guide/how-to-apply.md, page ${PAGE} open:`);
console.log(`  save → reloaded page's new text on screen (DOMContentLoaded): ${fmt(shown)}`);
console.log(`  save → reloaded page's load event: ${fmt(loaded)}`);
console.log(`  save → the page starts reloading (rebuilt, page told): ${fmt(started)}`);
console.log(`  of which the rebuild (server log): ${fmt(rebuilds)}`);
await browser.close();
await serve.stop();

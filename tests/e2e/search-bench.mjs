// Search benchmark (not a test): `node tests/e2e/search-bench.mjs`.
// Runs `cargo bench -p site-gen --bench search` (index sizes; it leaves the
// real site and the generated 5,000-page corpus in target/search-bench/),
// then opens each site's search.html from file:// in headless Chromium and
// times queries from Enter to the results on screen:
//  - first query: a fresh page, so index.js, the term shards and the page
//    shards of the first ten results are all loaded by that query;
//  - again: the same queries on that page afterwards (files loaded).
// Also what each first query loaded (files, bytes).
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, repo } from "./harness.mjs";

const target = process.env.CARGO_TARGET_DIR || join(repo, "target");
if (!process.argv.includes("--no-build")) {
  execFileSync("cargo", ["bench", "-q", "-p", "site-gen", "--bench", "search"], { cwd: repo, stdio: "inherit" });
}

const sites = [
  ["real site", join(target, "search-bench/real/public"), ["粤工信服务函〔2025〕31号", "020-83134726", "章", "wps", "申报材料"]],
  ["corpus 5,000 pages", join(target, "search-bench/corpus-5000/public"), ["数字化转型", "页面4321", "质", "指标3", "检验检测设备共享"]],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 5;
const browser = await launch();

async function timeQuery(page, q) {
  return page.evaluate(async (q) => {
    const status = document.getElementById("search-status");
    const input = document.getElementById("search-input");
    const before = status.textContent;
    const t0 = performance.now();
    const done = new Promise((ok) => {
      const o = new MutationObserver(() => {
        if (status.textContent !== before) {
          o.disconnect();
          ok();
        }
      });
      o.observe(status, { childList: true, characterData: true, subtree: true });
    });
    input.value = q;
    document.getElementById("search-form").requestSubmit();
    await done;
    return { ms: performance.now() - t0, status: status.textContent, shown: document.querySelectorAll(".search-result").length };
  }, q);
}

for (const [label, dir, queries] of sites) {
  const base = pathToFileURL(dir).href + "/";
  console.log(`\n${label} (${dir})`);
  for (const [i, q] of queries.entries()) {
    const other = queries[(i + 1) % queries.length];
    const first = [];
    const again = [];
    let loaded = [];
    let result;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(base + "search.html");
      result = await timeQuery(page, q);
      first.push(result.ms);
      loaded = requests.filter((u) => u.includes("/search/"));
      await timeQuery(page, other);
      again.push((await timeQuery(page, q)).ms);
      await context.close();
    }
    const bytes = loaded.reduce((n, u) => n + statSync(fileURLToPath(u)).size, 0);
    console.log(
      `  “${q}”: first query median ${median(first).toFixed(1)} ms (min ${Math.min(...first).toFixed(1)}), ` +
        `again ${median(again).toFixed(1)} ms; ${RUNS} fresh pages; the first loaded ${loaded.length} files, ` +
        `${(bytes / 1024).toFixed(1)} KiB; ${result.status} (${result.shown} shown)`,
    );
  }
}
await browser.close();

// Lighthouse on the built site: the home page, a guidance page and a form
// page, served from 127.0.0.1 (the harness's `serve`), in Debian's Chromium
// (never a downloaded browser). A benchmark, not a test: it prints the four
// category scores per page and form factor, lists every audit that kept
// accessibility or best practices below 100, keeps the reports in
// target/lighthouse/, and exits 1 when either of those two is below 100.
//
//   SITE_DIR=/tmp/site/public node tests/e2e/lighthouse.mjs [page.html …]
//
// Without SITE_DIR it builds the site first (as the browser tests do).
// Performance depends on the machine: Lighthouse's mobile preset simulates
// a slow phone and network, the desktop preset a fast one.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { repo, serve, site } from "./harness.mjs";

const PAGES = process.argv.slice(2).length ? process.argv.slice(2) : ["index.html", "guide/how-to-apply.html", "forms/base-application.html"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const MUST_BE_FULL = ["accessibility", "best-practices"];

/** Chromium with a DevTools port; resolves to { port, stop }. */
function chromium() {
  const profile = mkdtempSync(join(tmpdir(), "lighthouse-chromium-"));
  const child = spawn(
    process.env.CHROMIUM || "/usr/bin/chromium",
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const exited = new Promise((ok) => child.once("exit", ok));
  // Its profile goes once Chromium has stopped writing to it.
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return new Promise((ok, fail) => {
    let err = "";
    child.stderr.on("data", (chunk) => {
      err += chunk;
      const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (m) ok({ port: Number(m[1]), stop });
    });
    child.once("exit", (code) => fail(new Error(`chromium exited (${code}) before its DevTools port was known:\n${err}`)));
  });
}

const { server, base } = await serve(site());
const browser = await chromium();
const out = join(repo, "target/lighthouse");
mkdirSync(out, { recursive: true });
const rows = [];
let short = false;
try {
  for (const path of PAGES) {
    for (const [factor, config] of [["mobile", undefined], ["desktop", desktopConfig]]) {
      const flags = { port: browser.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
      const result = await lighthouse(base + path, flags, config);
      const lhr = result.lhr;
      writeFileSync(join(out, `${path.replaceAll("/", "_")}.${factor}.json`), result.report);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
      rows.push({ page: path, factor, ...scores });
      for (const c of MUST_BE_FULL) {
        if (scores[c] === 100) continue;
        short = true;
        for (const ref of lhr.categories[c].auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            const items = (audit.details?.items || []).map((i) => i.node?.snippet || i.source?.url || i.description || JSON.stringify(i)).slice(0, 5);
            console.log(`${path} (${factor}) ${c}: ${ref.id} — ${audit.title}${items.length ? "\n    " + items.join("\n    ") : ""}`);
          }
        }
      }
    }
  }
} finally {
  await browser.stop();
  server.close();
}
console.table(rows);
console.log(`reports in ${out}`);
process.exit(short ? 1 : 0);

// Shared setup for the browser tests: the built site, Debian's Chromium
// (never a downloaded browser), a local http server, and a page that
// records console messages, page errors and every network request.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import assert from "node:assert/strict";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const fixtures = join(repo, "tests/fixtures");

let built;
/** The site, built once per test file (or taken from SITE_DIR). */
export function site() {
  if (built) return built;
  if (process.env.SITE_DIR) return (built = process.env.SITE_DIR);
  const out = join(mkdtempSync(join(tmpdir(), "e2e-site-")), "public");
  execFileSync("cargo", ["run", "-q", "--release", "-p", "site-gen", "--", "build", "--output", out], {
    cwd: repo,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return (built = out);
}

/** Debian's Chromium, headless, with the flags the Rust browser tests use too (tests/chromium-flags.txt). */
export async function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const args = readFileSync(join(repo, "tests/chromium-flags.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  return chromium.launch({ executablePath, headless: true, args });
}

/**
 * One Chromium for a test file's tests: registers the hooks that build the
 * site (or take SITE_DIR) and launch the browser before them, and close it
 * after them. `newContext(options)` is a fresh profile; `freshPage(path,
 * options)` opens the site's `path` from file:// in one (downloads accepted,
 * for the exports) and gives `{ context, page }` for the test to close.
 */
export function browserSuite() {
  let browser;
  before(async () => {
    site();
    browser = await launch();
  });
  after(async () => browser && (await browser.close()));
  const newContext = (options) => browser.newContext(options);
  async function freshPage(path, options = {}) {
    const context = await newContext({ acceptDownloads: true, ...options });
    const page = await openPage(context, fileUrl(path));
    return { context, page };
  }
  return { newContext, freshPage };
}

/**
 * Holds back the page's tools (form-tools.js) in `context`: their ready
 * event waits until `releaseTools(page)`; `page` has `window.__held` set
 * once they have loaded.
 */
export async function holdTools(context) {
  await context.addInitScript(() => {
    const dispatch = Document.prototype.dispatchEvent;
    window.__held = [];
    Document.prototype.dispatchEvent = function (e) {
      if (e.type === "form-tools-ready" && !window.__release) return window.__held.push(() => dispatch.call(this, e)), true;
      return dispatch.call(this, e);
    };
  });
}

/** Lets the tools held by `holdTools` announce themselves. */
export function releaseTools(page) {
  return page.evaluate(() => ((window.__release = true), window.__held.forEach((f) => f())));
}

/** A new empty folder for the files a test file writes (`e2e-NAME-…` in the temporary folder). */
export function scratchFolder(name) {
  return mkdtempSync(join(tmpdir(), `e2e-${name}-`));
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

/** A static server for the built site on 127.0.0.1; resolves to its base URL. */
export function serve(root, headers = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream", ...headers });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ server, base: `http://127.0.0.1:${server.address().port}/` })));
}

export function fileUrl(path) {
  return pathToFileURL(join(site(), path)).href;
}

/** What every page opened in this test file recorded. */
const opened = [];

// Every suite fails on any page error or console error or warning, whether
// or not a test looked: checked once all the file's tests have run.
after(() => {
  const seen = opened.flatMap(({ url, record }) => [...record.errors, ...record.console].map((p) => `${url}: ${p}`));
  assert.deepEqual(seen, [], "pages reported errors or warnings");
});

/**
 * A page that records what a user never should see: console errors and
 * warnings, uncaught errors, and requests that leave the site.
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const record = { console: [], errors: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") record.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => record.errors.push(String(e)));
  opened.push({ url, record });
  page.on("request", (r) => record.requests.push(r.url()));
  page.on("dialog", (d) => (page.dialogAnswer === false ? d.dismiss() : d.accept()));
  await page.goto(url);
  // Form pages start the engine; other pages have nothing to wait for.
  await page.waitForFunction(() => !document.getElementById("form-bundle") || document.documentElement.dataset.engine, null, {
    timeout: 10000,
  });
  page.record = record;
  return page;
}

let axeSource;

/**
 * axe-core's serious and critical violations on `page`, one line each. axe
 * is injected inline, which the pages' own policy refuses (as it should):
 * open the page in a context with `bypassCSP: true`.
 */
export async function seriousViolations(page) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"], preload: false }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  return bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** Requests to anything but the site's own files (by base URL). */
export function foreignRequests(record, base) {
  return record.requests.filter((u) => !u.startsWith(base) && !u.startsWith("blob:") && !u.startsWith("data:"));
}

export function fixture(name) {
  return JSON.parse(readFileSync(join(fixtures, name), "utf8"));
}

/** Types a whole dataset into the form the way an applicant would. */
export async function fillForm(page, data) {
  for (const [id, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      const have = await page.locator(`table[data-table="${id}"] > tbody > tr`).count();
      for (let i = have; i < value.length; i++) await page.click(`[data-add-row="${id}"]`);
      for (let r = 0; r < value.length; r++) {
        for (const [col, v] of Object.entries(value[r])) await fillCell(page, id, r + 1, col, v);
      }
    } else if (typeof value === "boolean") {
      await page.check(`#f-${id}-${value ? "yes" : "no"}`);
    } else if (value && typeof value === "object" && "value" in value) {
      await page.check(`#f-${id}-${value.value}`);
      if (value.detail) await page.fill(`#f-${id}-${value.value}-detail`, value.detail);
    } else if (value && typeof value === "object" && "values" in value) {
      for (const v of value.values) await page.check(`#f-${id}-${v}`);
      for (const [k, d] of Object.entries(value.details || {})) await page.fill(`#f-${id}-${k}-detail`, d);
    } else if (value && typeof value === "object" && "from" in value) {
      await page.fill(`#f-${id}-from`, value.from);
      await page.fill(`#f-${id}-to`, value.to);
    } else {
      await page.fill(`#f-${id}`, String(value));
    }
  }
}

async function fillCell(page, table, row, col, v) {
  const base = `#f-${table}-${row}-${col}`;
  if (v && typeof v === "object" && "from" in v) {
    await page.fill(`${base}-from`, v.from);
    await page.fill(`${base}-to`, v.to);
  } else if (v && typeof v === "object" && "value" in v) {
    await page.selectOption(base, v.value);
  } else {
    await page.fill(base, String(v));
  }
}

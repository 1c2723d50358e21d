// `site-gen serve` in a real browser: a saved Markdown file reloads the
// open page with the change; a build error shows its problems as `check`
// prints them (file:line:col) and goes when fixed; the reload script is in
// served pages only, never in the built files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { launch, openPage } from "./harness.mjs";
import { startServe } from "./serve-helper.mjs";

let browser;
let serve;
before(async () => {
  serve = await startServe();
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (serve) await serve.stop();
});

function files(root) {
  const out = new Map();
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  })(root);
  return out;
}

function assertSameFiles(a, b, what) {
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), `${what}: the same files`);
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)), `${what}: ${path} differs`);
}

const PAGE = "guide/how-to-apply.html";

/** Waits for `selector`'s text to be `text`, across the reloads on the way. */
async function waitForText(page, selector, text) {
  const deadline = Date.now() + 20000;
  let seen;
  while (Date.now() < deadline) {
    seen = await page.textContent(selector, { timeout: 2000 }).catch(() => undefined);
    if (seen === text) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.equal(seen, text);
}
const SOURCE = () => join(serve.content, "guide/how-to-apply.md");

test("serve builds the same bytes as build; only the pages it sends carry the reload script", async () => {
  const built = join(serve.dir, "built");
  execFileSync(serve.bin, ["build", "--content", serve.content, "--output", built], { stdio: "ignore" });
  const expected = files(built);
  assertSameFiles(expected, files(serve.output), "serve's output folder and build's");
  for (const [path, bytes] of expected) assert.ok(!bytes.includes("__site-gen"), `${path} mentions the server`);

  const sent = await (await fetch(serve.base + PAGE)).text();
  assert.match(sent, /<script src="\/__site-gen\/reload\.js" data-build="\d+"><\/script>\n<\/body>/);
  assert.equal(sent.replace(/<script src="\/__site-gen\/reload\.js" data-build="\d+"><\/script>\n/, ""), expected.get(PAGE).toString());

  // A build after serve wrote its folder is byte-identical too.
  execFileSync(serve.bin, ["build", "--content", serve.content, "--output", serve.output], { stdio: "ignore" });
  assertSameFiles(expected, files(serve.output), "build over serve's folder");
  await new Promise((ok) => setTimeout(ok, 300)); // the build in the output folder is no change to watch
});

test("saving a Markdown file reloads the open page with the change", async () => {
  const context = await browser.newContext();
  const page = await openPage(context, serve.base + PAGE);
  assert.equal(await page.textContent("h1"), "如何申报");
  const original = readFileSync(SOURCE(), "utf8");
  try {
    const reloaded = page.waitForEvent("load", { timeout: 20000 });
    writeFileSync(SOURCE(), original.replace("title: 如何申报", "title: 如何申报（已修改）"));
    await reloaded;
    assert.equal(await page.textContent("h1"), "如何申报（已修改）");
    assert.deepEqual(page.record.requests.filter((u) => !u.startsWith(serve.base)), [], "nothing but the server");
  } finally {
    writeFileSync(SOURCE(), original);
  }
  await waitForText(page, "h1", "如何申报");
  await context.close();
});

test("a build error shows the problems as check prints them, and the page returns when it is fixed", async () => {
  const context = await browser.newContext();
  const page = await openPage(context, serve.base + PAGE);
  const original = readFileSync(SOURCE(), "utf8");
  const broken = original.replace("## ", "见[不存在的页面](missing.md)。\n\n## ");
  try {
    const failed = page.waitForEvent("load", { timeout: 20000 });
    writeFileSync(SOURCE(), broken);
    await failed;
    assert.equal(await page.textContent("h1"), "网站未能生成：1个问题");
    // The same line `site-gen check` prints for the same content.
    let printed = "";
    try {
      execFileSync(serve.bin, ["check", "--content", serve.content], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    } catch (e) {
      printed = e.stderr;
    }
    const line = printed.split("\n")[0];
    assert.match(line, /guide\/how-to-apply\.md:\d+:\d+: link `missing\.md` points at/);
    assert.deepEqual(await page.$$eval(".problems li", (lis) => lis.map((li) => li.textContent)), [line]);
    // Other pages show the problems too, until it is fixed.
    const other = await openPage(context, serve.base + "index.html");
    assert.equal(await other.textContent("h1"), "网站未能生成：1个问题");

    const fixed = page.waitForEvent("load", { timeout: 20000 });
    writeFileSync(SOURCE(), original);
    await fixed;
    assert.equal(await page.textContent("h1"), "如何申报");
    await waitForText(other, "h1", "2025年度国家中小企业公共服务示范平台（基地）创建对象推荐");
  } finally {
    writeFileSync(SOURCE(), original);
  }
  await context.close();
});

test("serve listens on this computer only unless told otherwise", () => {
  assert.match(serve.base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.match(serve.log.out, /built \d+ pages/);
});

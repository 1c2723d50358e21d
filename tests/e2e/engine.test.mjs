// The engine in the page: it starts from file:// with no network request,
// and the figures it shows are the ones the native tests expect.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite, site, serve, openPage, foreignRequests, fixture, fillForm, scratchFolder } from "./harness.mjs";
import { pathToFileURL } from "node:url";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const { newContext, freshPage } = browserSuite();

test("the base form's engine starts from file:// with no request beyond the site's own files", async () => {
  const { context, page } = await freshPage("forms/base-application.html");
  assert.equal(await page.getAttribute("html", "data-engine"), "ready");
  const own = pathToFileURL(site()).href;
  assert.deepEqual(foreignRequests(page.record, own), []);
  assert.deepEqual(page.record.console, []);
  assert.deepEqual(page.record.errors, []);
  await context.close();
});

test("a browser without Uint8Array.fromBase64 reads the form the same: the engine decodes its bundle itself", async () => {
  const context = await newContext();
  await context.addInitScript(() => delete Uint8Array.fromBase64);
  const page = await openPage(context, pathToFileURL(`${site()}/forms/base-application.html`).href);
  assert.equal(await page.evaluate(() => typeof Uint8Array.fromBase64), "undefined");
  assert.equal(await page.getAttribute("html", "data-engine"), "ready");
  await fillForm(page, fixture("base-complete.json").data);
  assert.equal(await page.textContent("#f-output_per_person_2024"), "46.67");
  await context.close();
});

test("metrics computed in the page match the seed's formulas", async () => {
  const { context, page } = await freshPage("forms/base-application.html");
  await fillForm(page, fixture("base-complete.json").data);
  const metric = (id) => page.textContent(`#f-${id}`);
  assert.equal(await metric("output_per_person_2024"), "46.67");
  assert.equal(await metric("output_per_area_2024"), "2.8000");
  assert.equal(await metric("revenue_growth"), "12.00");
  assert.equal(await metric("leading_industry_share"), "60.00");
  assert.equal(await metric("high_tech_share"), "40.00");
  assert.equal(await metric("quality_enterprise_share"), "93.33");
  assert.equal(await metric("operator_service_income_share"), "37.50");
  const working = await page.textContent("#f-revenue_growth-working");
  assert.match(working, /结果 12\.00%；所用数据：2024年度入驻企业总营业收入：560000\.00；2023年度入驻企业总营业收入：500000\.00/);
  // A 2023 revenue of 0 cannot be divided by: the page says so, never a number.
  await page.fill("#f-resident_revenue_2023", "0");
  assert.equal(await metric("revenue_growth"), "无法计算");
  assert.equal(await page.textContent("#f-revenue_growth-working"), "无法计算：「2023年度入驻企业总营业收入」为0，不能作除数");
  assert.deepEqual(page.record.errors, []);
  await context.close();
});

test("the same page over http works the same and stays on its host", async () => {
  const { server, base } = await serve(site());
  try {
    const context = await newContext();
    const page = await openPage(context, base + "forms/platform-application.html");
    assert.equal(await page.getAttribute("html", "data-engine"), "ready");
    await page.fill("#f-management_staff", "１２");
    await page.fill("#f-service_staff", "48人");
    assert.equal(await page.textContent("#f-staff_total"), "60");
    assert.deepEqual(foreignRequests(page.record, base), []);
    assert.deepEqual(page.record.console, []);
    await context.close();
  } finally {
    server.close();
  }
});

test("a strict Content-Security-Policy holds: no eval, no inline script, no foreign source", async () => {
  // WebAssembly compilation needs 'wasm-unsafe-eval'; JavaScript eval stays forbidden.
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'";
  const { server, base } = await serve(site(), { "content-security-policy": csp });
  try {
    const context = await newContext();
    const page = await openPage(context, base + "forms/base-application.html");
    assert.equal(await page.getAttribute("html", "data-engine"), "ready");
    await page.fill("#f-resident_revenue_2023", "500000");
    await page.fill("#f-resident_revenue_2024", "560000");
    assert.equal(await page.textContent("#f-revenue_growth"), "12.00");
    assert.deepEqual(page.record.console, [], "no CSP violation reported");
    await context.close();
  } finally {
    server.close();
  }
});

test("after many edits the page shows what a fresh load of the same answers shows", async () => {
  // Each keystroke re-reads one answer and touches only what changed; a
  // reload reads every answer from the draft and shows everything afresh.
  // The two must agree on every message, metric, the summary and progress.
  const { context, page } = await freshPage("forms/platform-application.html");
  await fillForm(page, fixture("platform-complete.json").data);
  await page.fill("#f-service_staff", "十二");
  await page.fill("#f-mobile", "1380013800");
  await page.locator("#f-mobile").blur();
  const rows = 'table[data-table="served_enterprises"] > tbody > tr';
  await page.fill(`${rows}[data-row="4"] [data-field="enterprise_name"]`, "");
  await page.click('[data-add-row="served_enterprises"]');
  await page.fill(`${rows}[data-row="31"] [data-field="enterprise_name"]`, "新增的企业");
  await page.click(`${rows}[data-row="2"] [data-remove-row]`);
  await page.fill("#f-service_staff", "15");
  const shown = () =>
    page.evaluate(() => {
      const text = (sel) => [...document.querySelectorAll(sel)].map((e) => `${e.id}:${e.hidden}:${e.textContent.trim()}`);
      return {
        title: document.title,
        summary: text("#error-summary li"),
        messages: text("[id$='-error']"),
        metrics: text("output"),
        working: text("[id$='-working']"),
        progress: text("#form-progress li"),
        invalid: [...document.querySelectorAll("[aria-invalid=true]")].map((e) => e.id),
      };
    });
  await page.click("[data-action=check]");
  const before = await shown();
  assert.ok(before.summary.length > 0, "the edits left problems to show");
  await page.reload();
  await page.waitForSelector("html[data-engine=ready]");
  await page.click("[data-action=check]");
  assert.deepEqual(await shown(), before);
  assert.deepEqual(page.record.console, []);
  assert.deepEqual(page.record.errors, []);
  await context.close();
});

// A copy of the site whose engine script `spoil` changes (or removes), and
// the 2.2 page opened from it.
async function spoiledEngine(spoil) {
  const root = scratchFolder("spoiled-engine");
  cpSync(site(), root, { recursive: true });
  spoil(join(root, "static/form-engine.js"));
  const context = await newContext();
  const page = await openPage(context, pathToFileURL(join(root, "forms/platform-application.html")).href);
  return { root, context, page };
}

for (const [what, spoil, expected] of [
  ["is missing", (file) => rmSync(file), /ERR_FILE_NOT_FOUND|form-engine\.js/],
  [
    "holds a broken module",
    (file) => {
      // The embedded module (base64 of gzip, which starts "H4sI") made four bytes that do not inflate.
      const text = readFileSync(file, "utf8");
      const spoiled = text.replace(/"H4sI[A-Za-z0-9+/=]+"/, '"AAAA"');
      assert.notEqual(spoiled, text, "the engine script holds its module as base64 of gzip");
      writeFileSync(file, spoiled);
    },
    null,
  ],
]) {
  test(`when the engine script ${what}, the page says saving is off and the form can still be filled`, async () => {
    const { root, context, page } = await spoiledEngine(spoil);
    assert.equal(await page.getAttribute("html", "data-engine"), "failed");
    assert.equal(await page.isVisible("#engine-failed"), true);
    assert.match(await page.textContent("#engine-failed"), /^本页的自动检查和保存功能未能启动，填写内容不会自动保存。/);
    await page.fill("#f-platform_name", "广东某某公共服务平台");
    assert.equal(await page.inputValue("#f-platform_name"), "广东某某公共服务平台");
    // The file that could not load is the one expected console error.
    page.record.console = page.record.console.filter((m) => !(expected && expected.test(m)));
    await context.close();
    rmSync(root, { recursive: true, force: true });
  });
}

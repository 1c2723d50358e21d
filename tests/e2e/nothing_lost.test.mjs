// Nothing the applicant typed is lost (issue 13): imports fill the page with
// what the engine reads and name what they could not place; long tables load
// in one pass; leaving the page while saving is off asks first, and so does
// overwriting another tab's answers; a draft that cannot be read is kept
// aside; and a click is never lost to a page that moves under the pointer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, scratchFolder, fileUrl, openPage } from "./harness.mjs";

const scratch = scratchFolder("nothing-lost");

const { newContext, freshPage } = browserSuite();

const BASE = "forms/base-application.html";
const PLATFORM = "forms/platform-application.html";
const DRAFT = { base: "form-draft:base-application", platform: "form-draft:platform-application" };

function writeFile(name, value) {
  const file = join(scratch, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

async function importFile(page, file) {
  await page.setInputFiles("#import-file", file);
  await page.waitForSelector("#form-import-report:not([hidden])");
  return page.textContent("#form-import-report");
}

const storedDraft = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);

test("an import fills what the engine reads (labels, true, padding) and names every answer it could not place", async () => {
  const { context, page } = await freshPage(BASE);
  const file = writeFile("loose.json", {
    form: "base-application",
    data: {
      base_name: "甲基地",
      org_type: "民营企业",
      staff_experience: "true",
      brand_chain_operation: "否",
      output_area_unit: " mu ",
      output_area_basis: { value: "building " },
      management_service_system: "也许",
      assessment_incentive_system: 3,
      revenue_2024: "８，０００",
      brand_activities: [{ activity_name: "路演", activity_count: 4, venue: "会展中心" }, "一行文字"],
    },
  });
  const report = await importFile(page, file);
  assert.equal(await page.isChecked("#f-org_type-private"), true, "a choice given by its label");
  assert.equal(await page.isChecked("#f-staff_experience-yes"), true, '"true"');
  assert.equal(await page.isChecked("#f-brand_chain_operation-no"), true, "否");
  assert.equal(await page.isChecked("#f-output_area_unit-mu"), true, "a padded value");
  assert.equal(await page.isChecked("#f-output_area_basis-building"), true, "a padded value in an object");
  assert.equal(await page.inputValue("#f-revenue_2024"), "8000.00", "shown as the engine reads it");
  assert.equal(await page.inputValue("#f-brand_activities-1-activity_count"), "4");
  // What the page cannot hold is named, by label, with the file's value: never silently dropped.
  assert.match(report, /^已导入8项。/, report);
  assert.match(report, /「是否建立运营管理服务制度」（文件中为“也许”/, report);
  assert.match(report, /「运营主体是否建立考核激励制度」（文件中为“3”/, report);
  assert.match(report, /「2025年基地开展的服务活动情况」第1行.*“会展中心”/, report);
  assert.match(report, /「2025年基地开展的服务活动情况」第2行.*“一行文字”/, report);
  assert.doesNotMatch(report, /management_service_system|assessment_incentive_system|venue|brand_activities/, "no keys");
  assert.equal(await page.isChecked("#f-management_service_system-yes"), false);
  // The next autosave holds what the page shows.
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || "{}").data?.org_type, DRAFT.base);
  const draft = (await storedDraft(page, DRAFT.base)).data;
  assert.deepEqual(draft.org_type, { value: "private" });
  assert.equal(draft.staff_experience, true);
  assert.equal(draft.brand_chain_operation, false);
  assert.deepEqual(draft.output_area_unit, { value: "mu" });
  await context.close();
});

test("an import into a multiple choice keeps the options it knows and names the rest", async () => {
  const { context, page } = await freshPage(PLATFORM);
  const file = writeFile("multi.json", {
    login_methods: { values: ["pc", "传真", "app"], details: { app: "粤企通", pc: "网页版" } },
    org_type: { value: "民营企业", detail: "无需说明" },
  });
  const report = await importFile(page, file);
  assert.equal(await page.isChecked("#f-login_methods-pc"), true);
  assert.equal(await page.isChecked("#f-login_methods-app"), true);
  assert.equal(await page.inputValue("#f-login_methods-app-detail"), "粤企通");
  assert.match(report, /「平台登录方式」（文件中为“传真”/, report);
  assert.match(report, /「平台登录方式」.*“网页版”/, report);
  assert.match(report, /「单位性质」.*“无需说明”/, report);
  await context.close();
});

/** `n` rows of the service list, each different. */
const enterprises = (n) =>
  Array.from({ length: n }, (_, i) => ({
    enterprise_name: `企业${i + 1}`,
    enterprise_contact: "张三",
    enterprise_phone: "13800138000",
    service_summary: "政策辅导",
    satisfaction: String(80 + (i % 20)),
  }));
const ROWS = 'table[data-table="served_enterprises"] > tbody > tr';

test("a 5,000-row table is restored from a draft and imported in one pass, in well under a second each", async () => {
  const { context, page } = await freshPage(PLATFORM);
  const rows = enterprises(5000);
  await page.evaluate(
    ([key, rows]) =>
      localStorage.setItem(key, JSON.stringify({ data: { served_enterprises: rows }, confirmed_warnings: [], saved_at: "2025-11-01T08:00:00.000Z", tab: "t", version: "2025.1" })),
    [DRAFT.platform, rows],
  );
  // Added one by one, each renumbering all, this took minutes (600 rows: 7 s).
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", null, { timeout: 30000 });
  assert.equal(await page.locator(ROWS).count(), 5000);
  assert.equal(await page.inputValue("#f-served_enterprises-5000-enterprise_name"), "企业5000");
  assert.equal(await page.textContent('table[data-table="served_enterprises"] tr[data-row="5000"] th'), "5000");
  // The restore step itself: the rows built and every answer put in.
  const restored = Number(await page.getAttribute("html", "data-load-ms"));
  assert.ok(restored < 1000, `restoring 5,000 rows took ${restored} ms`);
  const started = Number(await page.getAttribute("html", "data-engine-ms"));
  assert.ok(started < 5000, `the form took ${started} ms to start with 5,000 rows`);
  // The page answers at once: a keystroke's whole update.
  const keystroke = await page.evaluate(() => {
    const input = document.getElementById("f-platform_name");
    const t = performance.now();
    input.value = "乙平台";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return performance.now() - t;
  });
  assert.ok(keystroke < 1000, `a keystroke took ${keystroke} ms`);
  await context.close();

  const other = await freshPage(PLATFORM);
  const file = writeFile("rows.json", { served_enterprises: enterprises(5000).reverse() });
  await other.page.setInputFiles("#import-file", file);
  await other.page.waitForSelector("#form-import-report:not([hidden])", { timeout: 30000 });
  assert.equal(await other.page.locator(ROWS).count(), 5000);
  assert.equal(await other.page.inputValue("#f-served_enterprises-5000-enterprise_name"), "企业1");
  const imported = Number(await other.page.getAttribute("html", "data-load-ms"));
  assert.ok(imported < 1000, `importing 5,000 rows took ${imported} ms`);
  await other.context.close();
});

/** Whether closing the page asks first (a `beforeunload` prompt); the page stays open when it does. */
async function closingAsks(page) {
  let asked = false;
  page.on("dialog", (d) => d.type() === "beforeunload" && (asked = true));
  page.dialogAnswer = false;
  const closed = new Promise((ok) => page.once("close", () => ok(true)));
  await page.close({ runBeforeUnload: true });
  const gone = await Promise.race([closed, new Promise((ok) => setTimeout(() => ok(false), 1500))]);
  assert.equal(gone, !asked, "the page closes exactly when it does not ask");
  return asked;
}

test("leaving the page asks first only while saving is paused or failing", async () => {
  const context = await newContext();
  const a = await openPage(context, fileUrl(BASE));
  await a.click("#f-base_name");
  await a.keyboard.type("甲基地");
  assert.equal(await closingAsks(a), false, "saved: no prompt");

  // Another tab opens the form (and saves it): this one stops saving.
  const b = await openPage(context, fileUrl(BASE));
  await openPage(context, fileUrl(BASE));
  await b.click("#f-address");
  await b.keyboard.type("乙地址");
  await b.waitForSelector("#form-conflict:not([hidden])");
  assert.equal(await closingAsks(b), true, "paused by another tab: asks");
  await context.close();

  // Storage that refuses every write.
  const full = await newContext();
  await full.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("full", "QuotaExceededError");
    };
  });
  const d = await openPage(full, fileUrl(BASE));
  await d.click("#f-base_name");
  await d.keyboard.type("丁");
  await d.waitForSelector("#form-storage-warning:not([hidden])");
  assert.equal(await closingAsks(d), true, "saving failed: asks");
  await full.close();
});

test("taking over from another tab asks before overwriting its newer answers, and does nothing if declined", async () => {
  const context = await newContext();
  const a = await openPage(context, fileUrl(BASE));
  const b = await openPage(context, fileUrl(BASE));
  await a.fill("#f-base_name", "甲基地");
  await b.fill("#f-address", "乙地址");
  await b.waitForSelector("#form-conflict:not([hidden])");
  const questions = [];
  b.on("dialog", (d) => questions.push(d.message()));
  b.dialogAnswer = false;
  await b.click("[data-action=keep-this-tab]");
  assert.match(questions[0] ?? "", /覆盖另一个标签页中较新的填写内容/);
  assert.equal((await storedDraft(b, DRAFT.base)).data.base_name, "甲基地", "declined: the other tab's answers stay");
  assert.equal(await b.isVisible("#form-conflict"), true, "declined: still paused");
  b.dialogAnswer = true;
  await b.click("[data-action=keep-this-tab]");
  assert.equal(questions.length, 2);
  await b.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).data.address === "乙地址", DRAFT.base);
  assert.equal(await b.isHidden("#form-conflict"), true);
  await context.close();
});

test("a draft that cannot be read is kept aside, said so, and can be downloaded", async () => {
  const { context, page } = await freshPage(BASE);
  const broken = '{"data": {"base_name": "甲基地", "address": "广州市天河区';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT.base, broken]);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":corrupt"), DRAFT.base), broken, "kept aside");
  const notice = await page.textContent("#form-kept-draft");
  assert.match(notice, /草稿.*无法读取/);
  assert.match(notice, /另存/);
  // Typing saves as usual; the copy stays.
  await page.fill("#f-base_name", "乙基地");
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes("乙基地"), DRAFT.base);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":corrupt"), DRAFT.base), broken);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=download-kept-draft]")]);
  const saved = join(scratch, "kept.txt");
  await download.saveAs(saved);
  assert.equal(readFileSync(saved, "utf8"), broken, "the raw text, byte for byte");
  // 清除草稿 leaves it too: it is not this page's draft.
  await page.click("[data-action=clear]");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":corrupt"), DRAFT.base), broken);
  // It stays on offer on every visit until the applicant deletes it (asked first).
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
  assert.match(await page.textContent("#form-kept-draft"), /此前有一份无法读取的本表草稿/);
  page.dialogAnswer = false;
  await page.click("[data-action=delete-kept-draft]");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":corrupt"), DRAFT.base), broken, "declined: kept");
  page.dialogAnswer = true;
  await page.click("[data-action=delete-kept-draft]");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":corrupt"), DRAFT.base), null);
  assert.equal(await page.isHidden("#form-kept-draft"), true);
  await context.close();
});

// Each tool, clicked with the cursor still in a field holding a format
// problem: leaving the field shows its message, and the click must still land.
const TOOLS = [
  ["check", async (page) => page.waitForFunction(() => document.activeElement?.id === "error-summary", null, { timeout: 3000 })],
  ["review", async (page) => page.waitForSelector("#answers-review:not([hidden])", { timeout: 3000 })],
  ["export", async (page, click) => Promise.all([page.waitForEvent("download", { timeout: 3000 }), click()]), true],
  ["import", async (page, click) => Promise.all([page.waitForEvent("filechooser", { timeout: 3000 }), click()]), true],
  ["print", async (page) => page.waitForFunction(() => window.__printed === 1, null, { timeout: 3000 })],
  ["print-workings", async (page) => page.waitForFunction(() => window.__printed === 1 && document.documentElement.dataset.printKind === "workings", null, { timeout: 3000 })],
  ["print-evidence", async (page) => page.waitForFunction(() => window.__printed === 1 && document.documentElement.dataset.printKind === "evidence", null, { timeout: 3000 })],
  ["clear", async (page) => page.waitForFunction(() => window.__asked === 1, null, { timeout: 3000 })],
];

for (const [field, typed] of [
  ["credit_code", "测试4"],
  ["operation_start", "测试3"],
]) {
  for (const [tool, happened, clickInside] of TOOLS) {
    test(`a click on ${tool} lands with the cursor still in a field holding a format problem (${field})`, async () => {
      // A tall window, the tool bar and the field both on screen: there the
      // browser's scroll anchoring does not hold the page still.
      const { context, page } = await freshPage(BASE, { viewport: { width: 1280, height: 1400 } });
      await page.evaluate(() => {
        window.print = () => (window.__printed = (window.__printed || 0) + 1);
        window.confirm = () => ((window.__asked = (window.__asked || 0) + 1), false);
      });
      const button = tool === "import" ? page.locator("[data-opens=import-file]") : page.locator(`[data-action=${tool}]`);
      await page.fill(`#f-${field}`, typed);
      // Back up to the tool bar (scrolling leaves the cursor where it is).
      await button.scrollIntoViewIfNeeded();
      assert.equal(await page.evaluate(() => document.activeElement.id), `f-${field}`, "the cursor is still in the field");
      // A real mouse: press and release where the button is when pressed.
      const box = await button.boundingBox();
      const click = async () => {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.up();
      };
      if (clickInside) await happened(page, click);
      else {
        await click();
        await happened(page);
      }
      // And what leaving the field shows is shown, once the click is done.
      await page.waitForSelector(`#f-${field}-error:not([hidden])`, { timeout: 3000 });
      await context.close();
    });
  }
}

test("a tap on a tool lands too, with the cursor still in a field holding a format problem", async () => {
  const { context, page } = await freshPage(BASE, { viewport: { width: 1280, height: 1400 }, hasTouch: true });
  await page.fill("#f-credit_code", "测试4");
  const button = page.locator("[data-action=review]");
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector("#answers-review:not([hidden])", { timeout: 3000 });
  await page.waitForSelector("#f-credit_code-error:not([hidden])", { timeout: 3000 });
  await context.close();
});

// The applicant's experience on the form pages, in a real browser: checking
// without shouting, normalised values, drafts that survive a reload, export
// and import, refusals that lose nothing, tables, two tabs, accessibility.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, scratchFolder, fileUrl, openPage, seriousViolations, fixture, fillForm } from "./harness.mjs";

const scratch = scratchFolder("files");

const { newContext, freshPage } = browserSuite();

const BASE = "forms/base-application.html";
const PLATFORM = "forms/platform-application.html";

test("nothing is flagged while typing; a malformed value is flagged on leaving; missing answers only on a check", async () => {
  const { context, page } = await freshPage(BASE);
  await page.fill("#f-credit_code", "91350100M000100Y44");
  assert.equal(await page.isHidden("#f-credit_code-error"), true, "not while typing");
  await page.press("#f-credit_code", "Tab");
  assert.equal(await page.isVisible("#f-credit_code-error"), true, "flagged on leaving");
  assert.match(await page.textContent("#f-credit_code-error"), /错误：「统一社会信用代码」：统一社会信用代码校验位不符/);
  assert.equal(await page.getAttribute("#f-credit_code", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#f-credit_code", "aria-describedby"), /f-credit_code-error/);
  // Re-checked on every change once flagged.
  await page.fill("#f-credit_code", "91350100M000100Y43");
  assert.equal(await page.isHidden("#f-credit_code-error"), true);
  // Leaving an empty required field says nothing yet.
  await page.focus("#f-base_name");
  await page.press("#f-base_name", "Tab");
  assert.equal(await page.isHidden("#f-base_name-error"), true);
  assert.equal(await page.isHidden("#error-summary"), true);
  // Asking for a check shows everything, in a summary that takes focus.
  await page.click("[data-action=check]");
  assert.equal(await page.isVisible("#error-summary"), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  assert.match(await page.textContent("#error-summary"), /请修改以下问题.*请填写「基地名称」/s);
  assert.match(await page.title(), /^错误（\d+）：/);
  await context.close();
});

test("full-width digits and commas are shown back normalised", async () => {
  const { context, page } = await freshPage(BASE);
  await page.fill("#f-revenue_2024", "１２，３４５．６");
  await page.press("#f-revenue_2024", "Tab");
  assert.equal(await page.inputValue("#f-revenue_2024"), "12345.60");
  await page.fill("#f-launch_date", "2025年2月30日").catch(() => {});
  await context.close();
});

test("a broken rule appears in the summary and its link moves focus to the field", async () => {
  const { context, page } = await freshPage(BASE);
  await fillForm(page, fixture("base-complete.json").data);
  await page.fill("#f-service_income_2024", "9000");
  await page.click("[data-action=check]");
  const link = page.locator("#error-summary-list a", { hasText: "服务收入" }).first();
  assert.match(await link.textContent(), /服务收入/);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-service_income_2024");
  assert.equal(await page.isVisible("#f-service_income_2024-error"), true);
  await context.close();
});

test("the base form filled with a known dataset: metrics, export, reload, import elsewhere", async () => {
  const data = fixture("base-complete.json").data;
  const { context, page } = await freshPage(BASE);
  await fillForm(page, data);
  assert.equal(await page.textContent("#f-quality_enterprise_share"), "93.33");
  assert.equal(await page.textContent("#f-revenue_growth"), "12.00");
  // Export: the downloaded JSON, field by field.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export]")]);
  const name = download.suggestedFilename();
  assert.match(name, /^附件2\.3-创建申请表（基地类）-.+-\d{8}\.json$/);
  const file = join(scratch, "base.json");
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(doc.format, "form-export/1");
  assert.equal(doc.form, "base-application");
  assert.equal(doc.complete, true, JSON.stringify(doc.validation.problems));
  assert.match(doc.definition_sha256, /^[0-9a-f]{64}$/);
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "string" && /^[0-9.]+$/.test(v) && !/^\d+$/.test(v)) continue; // decimals padded below
    if (typeof v === "string" && /^\d+$/.test(v) && doc.data[k] !== v) {
      assert.match(doc.data[k], new RegExp(`^${v}(\\.0+)?$`), k);
      continue;
    }
    if (typeof v === "string") assert.equal(doc.data[k], v, k);
  }
  assert.equal(doc.data.revenue_2024, "8000.00");
  assert.equal(doc.data.profit_2024, "-120.35");
  assert.equal(doc.metrics.revenue_growth.value, "12.00");
  assert.equal(doc.metrics.revenue_growth.unit, "%");
  // Reload: the draft comes back, and the page says so.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
  assert.equal(await page.inputValue("#f-base_name"), data.base_name);
  assert.equal(await page.inputValue("#f-revenue_2024"), "8000.00");
  assert.match(await page.textContent("#form-status"), /已恢复 .+ 保存的草稿/);
  await context.close();
  // A fresh profile (another machine): import the file, every value is back.
  const other = await freshPage(BASE);
  await other.page.setInputFiles("#import-file", file);
  await other.page.waitForSelector("#form-import-report:not([hidden])");
  assert.match(await other.page.textContent("#form-import-report"), /^已导入\d+项。/);
  assert.equal(await other.page.inputValue("#f-base_name"), data.base_name);
  assert.equal(await other.page.inputValue("#f-credit_code"), data.credit_code);
  assert.equal(await other.page.isChecked(`#f-org_type-${data.org_type.value}`), true);
  assert.equal(await other.page.inputValue("#f-brand_activities-3-activity_name"), data.brand_activities[2].activity_name);
  assert.equal(await other.page.textContent("#f-revenue_growth"), "12.00");
  assert.deepEqual(other.page.record.errors, []);
  await other.context.close();
});

test("bad imports are refused with a clear message and the draft is untouched", async () => {
  const { context, page } = await freshPage(BASE);
  await page.fill("#f-base_name", "甲基地");
  const malformed = join(scratch, "bad.json");
  writeFileSync(malformed, "{ this is not json");
  const otherForm = join(scratch, "other.json");
  writeFileSync(otherForm, JSON.stringify({ format: "form-export/1", form: "platform-application", version: "2025.1", data: { platform_name: "乙平台" } }));
  const huge = join(scratch, "huge.json");
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  for (const [file, message] of [
    [malformed, /^未导入：文件已损坏或不是本站保存的数据文件/],
    [otherForm, /^未导入：这是另一张表的数据文件，不是本表（附件2\.3 /],
    [huge, /^未导入：文件过大（50\.0 MB）/],
  ]) {
    await page.setInputFiles("#import-file", file);
    await page.waitForFunction(() => !document.getElementById("form-import-report").hidden);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById("form-import-report").textContent), message.source);
    assert.match(await page.textContent("#form-import-report"), /当前填写内容未改动/);
    assert.equal(await page.inputValue("#f-base_name"), "甲基地");
    await page.evaluate(() => (document.getElementById("form-import-report").hidden = true));
  }
  const saved = await page.evaluate(() => localStorage.getItem("form-draft:base-application"));
  assert.equal(JSON.parse(saved).data.base_name, "甲基地");
  await context.close();
});

test("tables: rows are added and removed, never below the minimum, numbers kept right", async () => {
  const { context, page } = await freshPage(PLATFORM);
  const rows = () => page.locator('table[data-table="offline_activities"] > tbody > tr').count();
  assert.equal(await rows(), 15, "the page shows the template's 15 rows");
  await page.click('[data-add-row="offline_activities"]');
  assert.equal(await rows(), 16);
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-offline_activities-16-activity_content");
  await page.fill("#f-offline_activities-16-activity_content", "第十六项活动");
  await page.click('table[data-table="offline_activities"] tr[data-row="2"] [data-remove-row]');
  assert.equal(await rows(), 15);
  assert.equal(await page.inputValue("#f-offline_activities-15-activity_content"), "第十六项活动", "renumbered");
  assert.equal(await page.textContent('table[data-table="offline_activities"] tr[data-row="15"] th'), "15");
  for (let n = 15; n > 10; n--) await page.click('table[data-table="offline_activities"] tr[data-row="3"] [data-remove-row]');
  assert.equal(await rows(), 10, "down to the seed's minimum of 10");
  await page.click('table[data-table="offline_activities"] tr[data-row="3"] [data-remove-row]');
  assert.equal(await rows(), 10, "never below the minimum");
  assert.match(await page.textContent("#form-status"), /至少保留10行/);
  await context.close();
});

test("其他 text is enabled only when chosen; a live character count counts as the engine does", async () => {
  const { context, page } = await freshPage(PLATFORM);
  assert.equal(await page.isDisabled("#f-org_type-other-detail"), true);
  await page.check("#f-org_type-other");
  assert.equal(await page.isDisabled("#f-org_type-other-detail"), false);
  await page.fill("#f-system_overview", "𩸽".repeat(812));
  assert.equal(await page.textContent("#f-system_overview-count"), "已输入 812 / 1000 字");
  await context.close();
});

test("warnings look different from errors and can be confirmed", async () => {
  const { context, page } = await freshPage(BASE);
  await fillForm(page, fixture("base-complete.json").data);
  await page.fill("#f-leased_area", "100000");
  await page.click("[data-action=check]");
  const warning = page.locator("#f-owned_area-error .is-warning");
  assert.equal(await warning.count(), 1);
  await warning.locator("button[data-confirm]").click();
  assert.equal(await page.isHidden("#f-owned_area-error"), true);
  await context.close();
});

test("two tabs on the same form notice each other instead of overwriting", async () => {
  const context = await newContext();
  const a = await openPage(context, fileUrl(BASE));
  const b = await openPage(context, fileUrl(BASE));
  await a.fill("#f-base_name", "甲基地");
  // Tab b types after tab a saved: it must not silently overwrite a's draft.
  await b.fill("#f-address", "乙地址");
  await b.waitForSelector("#form-conflict:not([hidden])");
  const stored = await b.evaluate(() => JSON.parse(localStorage.getItem("form-draft:base-application")).data);
  assert.equal(stored.base_name, "甲基地");
  assert.equal(stored.address, undefined, "b did not overwrite a");
  await b.click("[data-action=use-other-tab]");
  assert.equal(await b.inputValue("#f-base_name"), "甲基地");
  assert.equal(await b.isHidden("#form-conflict"), true);
  await context.close();
});

test("clearing the draft asks first", async () => {
  const { context, page } = await freshPage(BASE);
  await page.fill("#f-base_name", "甲基地");
  page.dialogAnswer = false;
  await page.click("[data-action=clear]");
  assert.equal(await page.inputValue("#f-base_name"), "甲基地", "declined: nothing lost");
  page.dialogAnswer = true;
  await page.click("[data-action=clear]");
  assert.equal(await page.inputValue("#f-base_name"), "");
  assert.equal(await page.evaluate(() => localStorage.getItem("form-draft:base-application")), null);
  await context.close();
});

test("when storage is unavailable the page says so plainly", async () => {
  const context = await newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
  });
  const page = await openPage(context, fileUrl(BASE));
  assert.equal(await page.isVisible("#form-storage-warning"), true);
  assert.match(await page.textContent("#form-storage-warning"), /请务必点击“保存数据文件（\.json）”/);
  await context.close();
});

test("the check-your-answers review lists every answer with a link back", async () => {
  const { context, page } = await freshPage(BASE);
  await fillForm(page, fixture("base-complete.json").data);
  await page.click("[data-action=review]");
  assert.equal(await page.isVisible("#answers-review"), true);
  const text = await page.textContent("#answers-review");
  assert.match(text, /基地名称/);
  assert.match(text, /近两年基地入驻企业总营业收入增速12\.00%/);
  await page.locator("#answers-review a", { hasText: "修改" }).first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-base_name");
  await context.close();
});

test("progress per section: not started, then complete", async () => {
  const { context, page } = await freshPage(BASE);
  assert.match(await page.textContent("#form-progress-list"), /一、基地基本情况未开始/);
  await fillForm(page, fixture("base-complete.json").data);
  assert.match(await page.textContent("#form-progress-list"), /一、基地基本情况已完成/);
  await context.close();
});

for (const path of ["forms/summary-table.html", PLATFORM, BASE, "forms/creation-plan.html", "index.html", "notice.html"]) {
  test(`accessibility scan of ${path}: no serious or critical violations`, async () => {
    // axe is injected inline, which the pages' own policy refuses (as it
    // should): this context alone lets it in. The policy is tested apart.
    const { context, page } = await freshPage(path, { bypassCSP: true });
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });
}

test("usable at 320 px: nothing forces sideways scrolling of the page", async () => {
  const { context, page } = await freshPage(PLATFORM, { viewport: { width: 320, height: 640 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await context.close();
});

test("a draft made with an older version of the form is carried over, and what did not fit is said", async () => {
  const { context, page } = await freshPage(BASE);
  await page.evaluate(() =>
    localStorage.setItem(
      "form-draft:base-application:2024.9",
      JSON.stringify({
        data: { base_name: "旧版基地", retired_item: "旧表才有的一项" },
        confirmed_warnings: [],
        saved_at: "2025-11-01T08:00:00.000Z",
        tab: "an-old-tab",
      }),
    ),
  );
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
  assert.equal(await page.inputValue("#f-base_name"), "旧版基地", "nothing typed is lost to a version change");
  const status = await page.textContent("#form-status");
  assert.match(status, /已恢复/);
  assert.match(status, /2024\.9 版/);
  assert.match(status, /另有1项本表没有，未恢复/);
  // The draft now lives under the form's own key, with its version inside.
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("form-draft:base-application")));
  assert.equal(saved.data.base_name, "旧版基地");
  assert.ok(saved.version);
  assert.ok(await page.evaluate(() => localStorage.getItem("form-draft:base-application:2024.9")), "the old draft is kept");
  // 清除草稿, confirmed, clears the old copies too.
  await page.click("[data-action=clear]");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("form-draft:base-application")).length), 0);
  assert.deepEqual(page.record.errors, []);
  await context.close();
});

// The 推荐单位 page from file://, as a recommending unit uses it: drop the
// applicants' files, see every flag, choose beyond and within the quota,
// get the 2.1 data file and the printed 2.1 and covers; a reload keeps the work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, scratchFolder, fixture } from "./harness.mjs";

const scratch = scratchFolder("desk");
const { freshPage } = browserSuite();

/** A unit's collection, as files on disk (the same set as site-gen/tests/unit_desk.rs). */
function collection() {
  const platform = { ...fixture("platform-complete.json"), form: "platform-application", exported_at: "2025-11-20T10:00:00+08:00" };
  platform.data = { ...platform.data, credit_code: "91440300MA5FGH2J35" };
  const again = { ...platform, exported_at: "2025-11-21T09:00:00+08:00" };
  const base = { ...fixture("base-complete.json"), form: "base-application" };
  const plan = (object, operator) => ({ form: "creation-plan", data: { platform_name: object, applicant_name: operator } });
  const older = { ...fixture("base-complete.json"), form: "base-application", version: "2024.9" };
  older.data = { ...older.data, credit_code: "91440101MA59R7WK0J", operator_name: "较早版本公司" };
  const files = {
    "平台申请表.json": platform,
    "平台申请表-修改后.json": again,
    "平台方案.json": plan("广东省中小企业公共服务示范平台（示例）", "登记注册名称（全（示例）"),
    "基地申请表.json": base,
    "基地方案.json": plan("广州市某某科技园中小企业创业创新基地", "运营主体名称（示例）"),
    "孤立方案.json": plan("某平台", "只有方案的公司"),
    "较早版本.json": older,
    "汇总表.json": { form: "summary-table", data: { recommending_unit: "某市" } },
  };
  const paths = Object.entries(files).map(([name, v]) => {
    const p = join(scratch, name);
    writeFileSync(p, JSON.stringify(v));
    return p;
  });
  const bad = join(scratch, "坏文件.json");
  writeFileSync(bad, "{ not json");
  return [...paths, bad];
}

const rowsText = (page) => page.$$eval("#desk-rows tr", (trs) => trs.map((tr) => tr.textContent));

async function choose(page, operators) {
  for (const box of await page.$$("#desk-rows input[type=checkbox]")) {
    const row = await box.evaluate((b) => b.closest("tr").textContent);
    const want = operators.some((o) => row.includes(o));
    if ((await box.isChecked()) !== want) await box.click();
  }
}

test("a unit drops its files, sees every flag, is held to its quota and gets the 2.1 and the covers", async () => {
  const { context, page } = await freshPage("forms/recommend.html");
  await page.waitForFunction(() => document.documentElement.dataset.desk === "ready");
  await page.evaluate(() => {
    window.print = () => (window.__printed = (window.__printed || 0) + 1);
  });
  await page.setInputFiles("#desk-pick", collection());
  await page.waitForFunction(() => document.querySelectorAll("#desk-rows tr").length >= 5);

  const rows = await rowsText(page);
  assert.equal(rows.filter((r) => r.includes("登记注册名称（全（示例）")).length, 2, "sent twice: two rows");
  assert.ok(rows.some((r) => r.includes("本份导出时间最新")), "the newer of the two said");
  assert.ok(rows.some((r) => r.includes("只有方案的公司") && r.includes("缺少创建申请表")));
  assert.ok(rows.some((r) => r.includes("较早版本公司") && r.includes("来自表单 2024.9 版") && r.includes("缺少创建方案")));
  assert.ok(rows.some((r) => r.includes("运营主体名称（示例）") && r.includes("按运营主体名称与申请表配对")));
  const unusable = await page.textContent("#desk-unreadable");
  assert.ok(unusable.includes("无法使用：坏文件.json"), unusable);
  assert.ok(unusable.includes("汇总表.json 是汇总表（附件2.1）"), unusable);

  // Sorting by a column, from the keyboard.
  await page.focus("[data-sort='2']");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("th:has([data-sort='2'])", "aria-sort"), "ascending");

  // Beyond the quota: refused in the notice's words, nothing made.
  await choose(page, ["登记注册名称（全（示例）", "运营主体名称（示例）", "较早版本公司"]);
  await page.fill("#desk-unit-name", "广州市工业和信息化局");
  await page.check("input[name=desk-unit-kind][value=city]");
  await page.fill("#desk-date", "2025-11-24");
  await page.click("#desk-produce");
  assert.match(await page.textContent("#desk-refused"), /各自推荐创建对象不超过2个，超过数量不予受理/);
  assert.equal(await page.isVisible("#desk-produced"), false);

  // Within it: the 2.1 data file, the printed 2.1 and the covers.
  await choose(page, ["运营主体名称（示例）", "较早版本公司"]);
  await page.click("#desk-produce");
  await page.waitForSelector("#desk-produced:not([hidden])");
  assert.equal(await page.isVisible("#desk-refused"), false);
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#desk-save-summary")]);
  assert.match(json.suggestedFilename(), /^附件2\.1-.*广州市工业和信息化局-\d{8}\.json$/);
  const summary = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(summary.form, "summary-table");
  assert.equal(summary.complete, true);
  assert.deepEqual(summary.data.objects.map((o) => o.object_type.value), ["base", "base"]);
  await page.click("#desk-print-summary");
  assert.equal(await page.evaluate(() => window.__printed), 1);
  const printed = await page.textContent("#desk-print");
  assert.ok(printed.includes("广州市某某科技园中小企业创业创新基地") && printed.includes("序号"), printed);
  await page.click("#desk-print-covers");
  const covers = await page.textContent("#desk-print");
  assert.equal(covers.split("广州市工业和信息化局").length - 1, 2, covers);
  assert.ok(covers.includes("2025年11月24日"));
  const [manifest] = await Promise.all([page.waitForEvent("download"), page.click("#desk-save-manifest")]);
  const list = JSON.parse(readFileSync(await manifest.path(), "utf8"));
  assert.equal(list.summary_table.data_checksum, summary.data_checksum);

  // Read-only view of one file: its document and its problems.
  await page.click("button[data-view='孤立方案.json']");
  assert.match(await page.textContent("#desk-view-problems"), /错误：/);
  assert.ok((await page.textContent("#desk-view-document")).includes("只有方案的公司"));

  // A reload keeps the files, the choice and the unit.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.desk === "ready");
  assert.deepEqual((await rowsText(page)).length, rows.length);
  assert.equal(await page.$$eval("#desk-rows input:checked", (b) => b.length), 2);
  assert.equal(await page.inputValue("#desk-unit-name"), "广州市工业和信息化局");
  assert.equal(await page.isChecked("input[name=desk-unit-kind][value=city]"), true);
  await context.close();
});

test("a provincial unit may recommend one", async () => {
  const { context, page } = await freshPage("forms/recommend.html");
  await page.waitForFunction(() => document.documentElement.dataset.desk === "ready");
  await page.setInputFiles("#desk-pick", collection());
  await page.waitForFunction(() => document.querySelectorAll("#desk-rows tr").length >= 5);
  await choose(page, ["运营主体名称（示例）", "较早版本公司"]);
  await page.fill("#desk-unit-name", "广东省某厅");
  await page.check("input[name=desk-unit-kind][value=provincial]");
  await page.click("#desk-produce");
  assert.match(await page.textContent("#desk-refused"), /省有关单位推荐创建对象不超过1个，超过数量不予受理/);
  await context.close();
});

test("files dropped on the page are taken like files picked", async () => {
  const { context, page } = await freshPage("forms/recommend.html");
  await page.waitForFunction(() => document.documentElement.dataset.desk === "ready");
  const base = JSON.stringify({ ...fixture("base-complete.json"), form: "base-application" });
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "拖入的申请表.json", { type: "application/json" }));
    return dt;
  }, base);
  await page.dispatchEvent("#desk-drop", "drop", { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelectorAll("#desk-rows tr").length === 1);
  assert.ok((await page.textContent("#desk-rows")).includes("广州市某某科技园中小企业创业创新基地"));
  await context.close();
});

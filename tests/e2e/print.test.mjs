// What reaches the provincial department is the paper. Each form, filled
// with maximum-length answers (print-fixtures.mjs), is printed to PDF by
// Chromium and read back with pdftotext (poppler-utils): every answer in
// full, nothing of the web page, the template's structure (2.4's cover
// alone on page 1, stamps where the template has them, table headers on
// every page), the 数据校验码 the export and `site-gen validate` give, the
// evidence index, and blank forms with the template's rows.
//
// The first page of every printed document is kept as a PNG in
// target/print-screens/ for a human look (not committed).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, site, fileUrl, openPage, repo, holdTools, releaseTools } from "./harness.mjs";
import { platformMax, baseMax, planMax, summaryMax, printedAnswers } from "./print-fixtures.mjs";

const screens = join(repo, "target/print-screens");
mkdirSync(screens, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "e2e-print-"));

let browser;
before(async () => {
  site();
  browser = await launch();
});
after(async () => browser && (await browser.close()));

const PATH = {
  "summary-table": "forms/summary-table.html",
  "platform-application": "forms/platform-application.html",
  "base-application": "forms/base-application.html",
  "creation-plan": "forms/creation-plan.html",
};

const squeeze = (s) => s.replace(/\s+/g, "");

/** A fresh profile on the form's page, with the submission imported. */
async function open(submission, form = submission.form) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await openPage(context, fileUrl(PATH[form]));
  assert.equal(await page.getAttribute("html", "data-engine"), "ready");
  // The print tools arrive once the page is interactive; then the page holds the document.
  await page.waitForSelector("html[data-print=document]", { state: "attached" });
  if (submission) {
    const file = join(scratch, `${form}-import.json`);
    writeFileSync(file, JSON.stringify(submission));
    await page.setInputFiles("#import-file", file);
    await page.waitForSelector("#form-import-report:not([hidden])");
    assert.match(await page.textContent("#form-import-report"), /^已导入\d+项。/);
  }
  // The 打印 buttons open the browser's dialog; here Chromium prints to PDF instead.
  await page.evaluate(() => {
    window.print = () => (window.__printed = (window.__printed || 0) + 1);
  });
  return { context, page };
}

/**
 * Prints the page to PDF; its text per page (layout, and content-stream
 * order), the text of the answer column of the forms' tables alone (right
 * of the label cells, above the footer: a long answer beside a long label
 * reads on there without the label's lines), and a PNG of page 1.
 */
async function pdf(page, name) {
  const file = join(scratch, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: "A4", preferCSSPageSize: true }));
  const text = (...args) => execFileSync("pdftotext", [...args, file, "-"]).toString().split("\f").slice(0, -1);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, join(screens, name)]);
  // In points: the left margin (28 mm) and a label cell (3/12 of 156 mm) in, to the foot of the text (35 mm up).
  const column = text("-raw", "-x", "192", "-y", "0", "-W", "403", "-H", "742");
  return { file, layout: text("-layout"), raw: text("-raw"), column: squeeze(column.join("")) };
}

function clean(page) {
  assert.deepEqual(page.record.errors, [], "no page error");
  assert.deepEqual(page.record.console, [], "no console error or warning");
}

/** The page's own export of its answers: what the applicant saves. */
async function exportOf(page, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export]")]);
  const file = join(scratch, `${name}.json`);
  await download.saveAs(file);
  return { file, doc: JSON.parse(readFileSync(file, "utf8")) };
}

function validate(file) {
  let out;
  try {
    out = execFileSync("cargo", ["run", "-q", "--release", "-p", "site-gen", "--", "validate", file], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
  } catch (e) {
    out = e.stdout; // exit 1: incomplete, still reported
  }
  return out.toString();
}

const checksumIn = (text) => (text.match(/数据校验码\s*([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})/) || [])[1];

/** The document's text in reading order, the running footers and page numbers taken out. */
function body(printed, footer) {
  return printed.raw.map((p) => squeeze(p).split(squeeze(footer)).join("").replace(/—\d+—/g, "")).join("");
}

async function definition(page) {
  // The page embeds the bundle in binary; the page's tools read it out.
  return page.evaluate(() => JSON.parse(new formTools.Tools(document.getElementById("form-bundle").textContent).definition()));
}

/** Everything of the web page that must never reach the paper. */
async function webChrome(page) {
  const nav = await page.$$eval(".site-nav a", (as) => as.map((a) => a.textContent.trim()));
  const title = (await page.textContent(".site-title")).trim();
  // Two-character menu labels are also the forms' own words (附件2.2, 合作协议首页复印件): 附件 is checked apart (noChrome).
  return [title, ...nav.filter((n) => n.length > 2), "检查填写情况", "保存数据文件", "导入数据文件", "核对全部填写内容", "清除草稿", "本站辅助项", "必填", "填写进度", "数据文件格式说明", "请选择"];
}

function noChrome(printed, chrome) {
  const all = printed.layout.join("\n");
  for (const s of chrome) assert.ok(!all.includes(s), `the paper shows “${s}”`);
  assert.ok(!/附件(?!2\.\d)/.test(all), "附件 only as the form's own number");
}

for (const [form, build] of [
  ["platform-application", platformMax],
  ["base-application", baseMax],
  ["creation-plan", planMax],
  ["summary-table", summaryMax],
]) {
  test(`${form}: every answer printed in full, as the template, nothing of the web page`, async () => {
    const submission = build();
    const { context, page } = await open(submission);
    const def = await definition(page);
    const { doc } = await exportOf(page, `${form}-max`);
    await page.click("[data-action=print]");
    assert.equal(await page.evaluate(() => window.__printed), 1, "the 打印 button prints");
    assert.equal(await page.getAttribute("html", "data-print-kind"), "official");
    const printed = await pdf(page, `${form}-max`);
    const footer = printed.layout[0].match(/附件2\.\d[^\n]*数据校验码 [0-9a-f-]{14}/)[0];
    const text = body(printed, footer);
    const missing = printedAnswers(def, doc.data).filter((a) => !text.includes(squeeze(a)) && !printed.column.includes(squeeze(a)));
    assert.deepEqual(missing, [], "answers not printed in full");
    noChrome(printed, await webChrome(page));
    // Every page carries the form, its version and the 数据校验码.
    for (const [i, p] of printed.layout.entries()) assert.ok(p.includes(`数据校验码 ${doc.data_checksum}`), `page ${i + 1} has no checksum`);
    assert.ok(footer.startsWith(`附件${def.attachment}`) && footer.includes(`${def.version}版`), footer);
    console.log(`# ${form}: ${printed.layout.length} pages (${printed.file})`);
    clean(page);
    await context.close();
  });
}

test("2.4: the cover alone on page 1 with both stamps; the plan from page 2 with page numbers", async () => {
  const submission = planMax();
  const { context, page } = await open(submission);
  const printed = await pdf(page, "creation-plan-cover");
  const [cover, ...rest] = printed.layout;
  const coverText = squeeze(cover);
  for (const s of ["附件2.4", "国家中小企业公共服务示范平台（基地）", "创建方案", "平台（基地）名称", "申请单位（运营主体）名称", "推荐时间", "推荐单位", "工业和信息化部制"]) {
    assert.ok(coverText.includes(squeeze(s)), `the cover lacks ${s}`);
  }
  assert.ok(squeeze(printed.raw[0]).includes(squeeze(submission.data.applicant_name)));
  assert.equal((cover.match(/（盖章）/g) || []).length, 2, "both stamps on the cover");
  assert.ok(!/一、基本情况介绍|创建方案模板|—\s*1\s*—/.test(cover), "nothing but the cover on page 1, no page number");
  assert.ok(!coverText.includes(squeeze(submission.data.basic_introduction).slice(0, 20)));
  for (const p of rest) assert.ok(!p.includes("盖章"), "no stamp after the cover");
  assert.match(rest[0], /创建方案模板/);
  assert.match(rest[0], /一、基本情况介绍/);
  assert.match(rest[0], /—\s*2\s*—/);
  assert.match(rest.at(-1), /备注：《创建方案》应在地方中小企业主管部门指导下/);
  clean(page);
  await context.close();
});

test("2.1: the stamp line above the table, numbered rows, not the recommending unit's name", async () => {
  const { context, page } = await open(summaryMax());
  const printed = await pdf(page, "summary-table-stamp");
  assert.equal(printed.layout.length, 1);
  const p = printed.layout[0];
  assert.ok(p.indexOf("省级中小企业主管部门（盖章）：") >= 0 && p.indexOf("省级中小企业主管部门（盖章）：") < p.indexOf("序号"), p);
  assert.ok(squeeze(p).includes("创建对象类型（平台、基地）"));
  assert.ok(!p.includes("广州市工业和信息化局"), "the unit's name is an aid: the stamp says who");
  clean(page);
  await context.close();
});

test("tables that run over pages repeat their header row, and never cut a row", async () => {
  for (const [submission, header, rowMark] of [
    [platformMax(), "联系电话", (d) => d.served_enterprises.map((r) => r.enterprise_phone)],
    [baseMax(), "开展活动数量", (d) => d.brand_activities.map((r) => r.activity_name)],
  ]) {
    const { context, page } = await open(submission);
    const printed = await pdf(page, `${submission.form}-tables`);
    const marks = rowMark(submission.data).map(squeeze);
    const pages = printed.raw.map(squeeze);
    const holding = pages.map((p, i) => [i, marks.filter((m) => p.includes(m)).length]).filter(([, n]) => n > 0);
    assert.ok(holding.length >= 2, `${submission.form}: the table runs over ${holding.length} page(s)`);
    for (const [i] of holding) assert.ok(pages[i].includes(header), `${submission.form}: page ${i + 1} has rows without the header`);
    // Each row whole on one page: every mark found once in all, and a row's first and last cells on the same page.
    assert.equal(holding.reduce((a, [, n]) => a + n, 0), marks.length);
    const rows = submission.data.served_enterprises || [];
    for (const r of rows) {
      const at = pages.findIndex((p) => p.includes(squeeze(r.enterprise_name)));
      assert.ok(at >= 0 && pages[at].includes(squeeze(r.service_summary)) && pages[at].includes(`${r.satisfaction}`), `row ${r.enterprise_phone} is cut`);
    }
    clean(page);
    await context.close();
  }
});

test("the 数据校验码 on the paper is the export's and validate's; one changed answer changes all three", async () => {
  const { context, page } = await open(platformMax());
  const seen = [];
  for (const step of ["before", "after"]) {
    if (step === "after") {
      await page.fill("#f-platform_name", "广东省另一个中小企业公共服务平台");
      await page.press("#f-platform_name", "Tab");
    }
    const { file, doc } = await exportOf(page, `checksum-${step}`);
    const printed = await pdf(page, `checksum-${step}`);
    const onPaper = checksumIn(printed.layout[0]);
    const byValidate = checksumIn(validate(file));
    assert.equal(onPaper, doc.data_checksum, `${step}: paper and export`);
    assert.equal(byValidate, doc.data_checksum, `${step}: validate and export`);
    seen.push(onPaper);
  }
  assert.notEqual(seen[0], seen[1], "a changed answer changes the checksum");
  clean(page);
  await context.close();
});

test("the browser's own print prints the current answers, not the last document", async () => {
  const { context, page } = await open(baseMax());
  // The document of the imported answers is made once that pause is over;
  // from then on the page's timers wait for the test's clock, so no pause
  // can end between typing and printing, however slow the machine.
  await page.waitForSelector("html[data-print-current]", { state: "attached" });
  await page.clock.install();
  await page.fill("#f-base_name", "刚刚改过的基地名称");
  // No button, no pause: printing (which sends beforeprint) prints what was just typed.
  assert.equal(await page.getAttribute("html", "data-print-current"), null, "the document is stale until made again");
  const printed = await pdf(page, "base-beforeprint");
  assert.ok(squeeze(printed.raw[0]).includes("刚刚改过的基地名称"));
  // Once typing pauses the page makes the document by itself, for a print that sends no beforeprint.
  await page.fill("#f-base_name", "停顿之后的基地名称");
  assert.equal(await page.getAttribute("html", "data-print-current"), null, "stale while typing goes on");
  await page.clock.runFor(1000);
  await page.waitForSelector("html[data-print-current]", { state: "attached", timeout: 5000 });
  assert.ok(squeeze(await page.textContent("#print-document")).includes("停顿之后的基地名称"));
  clean(page);
  await context.close();
});

test("计算说明 prints on its own, titled, with formula, inputs and rounding; then 打印 is the form again", async () => {
  const { context, page } = await open(baseMax());
  await page.click("[data-action=print-workings]");
  assert.equal(await page.getAttribute("html", "data-print-kind"), "workings");
  const printed = await pdf(page, "base-application-workings");
  const all = printed.layout.join("\n");
  assert.match(printed.layout[0], /计算说明/);
  assert.ok(!/附件2\.3\s*\n\s*国家中小企业/.test(printed.layout[0]), "not the form");
  for (const s of ["近两年基地入驻企业总营业收入增速", "计算方法", "所用数据", "取舍规则", "计算结果四舍五入保留两位小数", "12.00%", "人均产出所用人数"]) {
    assert.ok(squeeze(all).includes(squeeze(s)), `计算说明 lacks ${s}`);
  }
  assert.match(all, /附件2\.3 计算说明 · 2025\.1版 · 数据校验码/);
  // The browser's print after it (afterprint has run): the official form.
  const again = await pdf(page, "base-application-after-workings");
  assert.match(again.layout[0], /创建申请表（基地类）/);
  assert.ok(!again.layout.join("").includes("取舍规则"));
  clean(page);
  await context.close();
});

test("佐证材料目录: exactly the evidence the answers call for, as the export lists it", async () => {
  const yes = platformMax();
  const no = platformMax();
  no.data.has_development_plan = false;
  no.data.org_type = { value: "private" };
  const lists = [];
  for (const [name, submission] of [["yes", yes], ["no", no]]) {
    const { context, page } = await open(submission);
    const { doc } = await exportOf(page, `evidence-${name}`);
    await page.click("[data-action=print-evidence]");
    const printed = await pdf(page, `platform-application-evidence-${name}`);
    const text = squeeze(printed.raw.join(""));
    assert.ok(text.includes("佐证材料目录") && text.includes("佐证材料须加盖运营主体公章"));
    // Every item of the export's index, in order, and no other numbered row.
    let at = 0;
    for (const item of doc.evidence_index) {
      const found = text.indexOf(squeeze(`${item.number}${item.item}${item.provide}`), at);
      assert.ok(found >= at, `${name}: item ${item.number} ${item.item} not printed in order`);
      at = found;
    }
    lists.push(doc.evidence_index);
    clean(page);
    await context.close();
  }
  const [withPlan, withoutPlan] = lists.map((l) => l.map((i) => i.item));
  assert.ok(withPlan.some((i) => i.endsWith("是否制定服务发展规划")), "是: its 制度文件 is listed");
  assert.ok(!withoutPlan.some((i) => i.endsWith("是否制定服务发展规划")), "否: not listed");
  assert.equal(withPlan.length, withoutPlan.length + 1);
  assert.ok(withoutPlan.some((i) => i.endsWith("单位性质")), "民营企业 too provides its licence");
});

test("blank printouts: the same layout with empty cells, the template's rows", async () => {
  for (const [form, tables] of [
    ["summary-table", [["创建对象类型", 2]]],
    ["platform-application", [["合作内容", 12], ["服务活动名称和主要内容", 15], ["服务内容简述", 30]]],
    ["base-application", [["品牌服务活动名称", 2]]],
  ]) {
    const { context, page } = await open(null, form);
    assert.equal(await page.getAttribute("html", "data-print"), "document");
    // The printed document's own tables (the page's form tables are hidden from print).
    const counts = await page.$$eval(".print-document table.gb-table", (ts) =>
      ts.map((t) => [t.querySelector("thead").textContent, t.querySelectorAll("tbody > tr").length]),
    );
    for (const [header, rows] of tables) {
      const found = counts.find(([h]) => h.includes(header));
      assert.ok(found, `${form}: no table headed ${header}`);
      assert.equal(found[1], rows, `${form}: ${header}`);
    }
    const printed = await pdf(page, `${form}-blank`);
    noChrome(printed, await webChrome(page));
    // Numbered blank rows reach the PDF: the longest numbered table's last number (2.3's table has no 序号).
    if (form !== "base-application") {
      const last = Math.max(...tables.map(([, n]) => n));
      assert.match(printed.layout.join("\n"), new RegExp(`^\\s*${last}\\s*$`, "m"));
    }
    assert.ok(!printed.layout.join("").includes("数据校验码"), "a blank form has no answers to check");
    clean(page);
    await context.close();
  }
  const { context, page } = await open(null, "creation-plan");
  const printed = await pdf(page, "creation-plan-blank");
  assert.ok(!/一、基本情况介绍/.test(printed.layout[0]) && /工业和信息化部制/.test(printed.layout[0]));
  assert.match(printed.layout.join("\n"), /平台类文本范例如下/);
  clean(page);
  await context.close();
});

test("the print tools load only once the engine is ready; 打印 pressed before they arrive prints when they do", async () => {
  const context = await browser.newContext();
  // Record the order of the engine's ready mark and the tools' script;
  // the tools' ready event waits until the test lets it through.
  await context.addInitScript(() => {
    window.__order = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes" && document.documentElement.dataset.engine === "ready" && !window.__order.includes("engine ready")) window.__order.push("engine ready");
        for (const n of r.addedNodes || []) if (n.id === "form-tools-script") window.__order.push("tools requested");
      }
    }).observe(document, { attributes: true, attributeFilter: ["data-engine"], childList: true, subtree: true });
    window.print = () => (window.__printed = (window.__printed || 0) + 1);
  });
  await holdTools(context);
  const page = await openPage(context, fileUrl(PATH["base-application"]));
  await page.waitForFunction(() => window.__held.length === 1);
  assert.deepEqual(await page.evaluate(() => window.__order), ["engine ready", "tools requested"]);
  assert.equal(await page.getAttribute("html", "data-print"), null, "no document before the tools");
  await page.fill("#f-base_name", "工具未到时填写的基地");
  await page.click("[data-action=print]");
  assert.equal(await page.evaluate(() => window.__printed), undefined, "the print waits for the tools");
  await releaseTools(page);
  await page.waitForFunction(() => window.__printed === 1);
  assert.equal(await page.getAttribute("html", "data-print"), "document");
  assert.equal(await page.getAttribute("html", "data-print-kind"), "official");
  assert.ok((await page.textContent("#print-document")).includes("工具未到时填写的基地"));
  clean(page);
  await context.close();
});

test("without the engine (scripts off) the page still prints the blank form, without the site around it", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(fileUrl(PATH["base-application"]));
  const printed = await pdf(page, "base-application-noscript");
  const all = printed.layout.join("\n");
  assert.match(all, /基地名称/);
  for (const s of await webChrome(page)) {
    if (s === "必填" || s === "请选择") continue; // the static form's own words
    assert.ok(!all.includes(s), `the static print shows “${s}”`);
  }
  await context.close();
});

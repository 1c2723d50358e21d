// Tables from a spreadsheet, in Chromium: blocks of cells pasted into a
// table (as WPS and Excel put them on the clipboard), table files imported
// (UTF-8 with its mark, and GB18030 as Chinese Excel saves CSV), each cell
// read as if typed, the report naming what was and was not put in, and the
// undo of either.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { browserSuite, scratchFolder, fileUrl, openPage, holdTools, releaseTools } from "./harness.mjs";

const scratch = scratchFolder("sheet");

const { freshPage, newContext } = browserSuite();

const PLATFORM = "forms/platform-application.html";
const PLAN = "forms/creation-plan.html";

/** Full-width digits, as some applicants' spreadsheets hold them. */
const wide = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * Pastes `text` (and `html`, what a spreadsheet also puts on the clipboard)
 * into the control `selector`, as the browser sends a paste: a paste event
 * with the clipboard's data. Returns whether the page left the paste to the
 * browser (the event not cancelled) and how long the page took with it.
 */
async function paste(page, selector, text, html) {
  await page.focus(selector);
  return page.evaluate(
    ({ selector, text, html }) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      if (html) data.setData("text/html", html);
      const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
      const started = performance.now();
      const native = document.querySelector(selector).dispatchEvent(event);
      return { native, ms: performance.now() - started };
    },
    { selector, text, html },
  );
}

/**
 * Pastes `text` through the system clipboard with Ctrl+V at the end of the
 * control's text, as an applicant does: the browser's own paste when the
 * page leaves it alone.
 */
async function keyboardPaste(page, selector, text) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  await page.focus(selector);
  await page.keyboard.press("End");
  await page.keyboard.press("Control+V");
}

/** Every row's control values of a table, per row, per control. */
function tableValues(page, table) {
  return page.evaluate(
    (table) =>
      [...document.querySelectorAll(`table[data-table="${table}"] > tbody > tr`)].map((tr) =>
        [...tr.querySelectorAll("[data-field]")].map((e) => e.value),
      ),
    table,
  );
}

const rowCount = (page, table) => page.locator(`table[data-table="${table}"] > tbody > tr`).count();
const draft = (page, form) => page.evaluate((form) => JSON.parse(localStorage.getItem(`form-draft:${form}`) || "null"), form);

// 40 served enterprises as an applicant's spreadsheet holds them (and as
// they should show once pasted): full-width and spaced phone numbers,
// scores with units or in full-width digits, one score that is not one,
// a cell with a tab and a line break (quoted, as Excel copies it), one with
// quotes, and a remark column the table does not have.
const enterprises = Array.from({ length: 40 }, (_, k) => {
  const n = k + 1;
  const score = 80 + (n % 20);
  const cells = {
    name: `广州市第${n}科技有限公司`,
    contact: n === 7 ? "  张七  " : `联系人${n}`,
    phone: n % 2 ? `020-8313 ${4700 + n}` : wide(`1380013${String(1000 + n)}`),
    summary: n === 3 ? '"政策辅导\t融资对接\r\n第二行"' : n === 5 ? '"""专精特新""申报辅导"' : `服务内容${n}`,
    score: n === 40 ? "很满意" : n % 3 === 0 ? `${score}分` : n % 3 === 1 ? wide(String(score)) : `${score}.5`,
    remark: `备注${n}`,
  };
  const shown = [
    cells.name,
    n === 7 ? "张七" : cells.contact,
    n % 2 ? `020-8313${4700 + n}` : `1380013${String(1000 + n)}`,
    n === 3 ? "政策辅导\t融资对接第二行" : n === 5 ? '"专精特新"申报辅导' : cells.summary,
    n === 40 ? "很满意" : n % 3 === 2 ? `${score}.5` : `${score}.0`,
  ];
  return { cells, shown };
});
const enterprisesTsv = enterprises.map(({ cells }) => Object.values(cells).join("\t")).join("\r\n") + "\r\n";
const ENTERPRISES_TABLE = "服务的中小企业名单及服务评价表";

test("40 rows × every column pasted into 服务的中小企业: read as typed, rows added, reported, undone by button and by Ctrl+Z", async (t) => {
  const { context, page } = await freshPage(PLATFORM);
  const table = "served_enterprises";
  assert.equal(await rowCount(page, table), 30, "the page shows the 30 rows the notice asks for");
  const { native, ms } = await paste(page, "#f-served_enterprises-1-enterprise_name", enterprisesTsv, "<table><tr><td>…</td></tr></table>");
  t.diagnostic(`pasting 40 rows × 6 cells, with the update that follows: ${ms.toFixed(1)} ms`);
  assert.equal(native, false, "the page took the paste");
  assert.equal(await rowCount(page, table), 40, "10 rows added");
  const values = await tableValues(page, table);
  assert.deepEqual(
    values,
    enterprises.map(({ shown }) => shown),
  );
  assert.equal(await page.textContent('table[data-table="served_enterprises"] tr[data-row="40"] th'), "40");
  const report = await page.textContent("#f-served_enterprises-report");
  assert.equal(await page.isVisible("#f-served_enterprises-report"), true);
  assert.ok(
    report.startsWith(
      `已把粘贴的40行5列填入「${ENTERPRISES_TABLE}」第1—40行的「服务中小企业名称」至「企业满意度」栏，新增10行。其中`,
    ),
    report,
  );
  assert.match(report, /1格的内容不符合填写要求，已按原样填入并在表中标出，请修改：第40行「企业满意度」。/);
  assert.match(
    report,
    /粘贴内容比本表多1列（「企业满意度」右侧没有栏目），这1列的40格未粘贴：“备注1”“备注2”“备注3”等。如需保留，请并入已有栏目后再粘贴。/,
  );
  assert.doesNotMatch(report, /[a-z_]{4,}/, "no ids in the report");
  // Checked as if typed and left: the score that is not one is flagged now.
  assert.equal(await page.getAttribute("#f-served_enterprises-40-satisfaction", "aria-invalid"), "true");
  assert.match(await page.textContent("#f-served_enterprises-error"), /第40行/);
  // Saved with the draft, and the average computed from the pasted scores.
  assert.equal((await draft(page, "platform-application")).data.served_enterprises.length, 40);
  assert.notEqual(await page.textContent("#f-average_satisfaction"), "自动计算");

  // 撤销粘贴: the table as it was, and the applicant told where they are.
  assert.equal(await page.textContent("#f-served_enterprises-undo"), "撤销粘贴");
  await page.click("#f-served_enterprises-undo");
  assert.equal(await rowCount(page, table), 30);
  assert.ok((await tableValues(page, table)).flat().every((v) => v === ""), "every cell empty again");
  assert.equal(
    await page.textContent("#f-served_enterprises-report"),
    `已撤销粘贴：「${ENTERPRISES_TABLE}」已恢复为粘贴前的内容。`,
  );
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-served_enterprises-report");
  assert.equal(await page.isHidden("#f-served_enterprises-undo"), true);
  assert.equal(await page.getAttribute("#f-served_enterprises-1-satisfaction", "aria-invalid"), null);

  // Ctrl+Z right after a paste undoes it; what was there before comes back.
  await page.fill("#f-served_enterprises-2-enterprise_name", "原有企业");
  await paste(page, "#f-served_enterprises-1-enterprise_name", enterprisesTsv);
  assert.equal(await page.inputValue("#f-served_enterprises-2-enterprise_name"), "广州市第2科技有限公司");
  await page.keyboard.press("Control+z");
  assert.equal(await rowCount(page, table), 30);
  assert.equal(await page.inputValue("#f-served_enterprises-2-enterprise_name"), "原有企业");
  assert.equal(await page.inputValue("#f-served_enterprises-1-enterprise_name"), "");
  assert.equal((await draft(page, "platform-application")).data.served_enterprises.filter((r) => Object.keys(r).length).length, 1);

  // Typing after a paste: Ctrl+Z is the box's own again; 撤销粘贴 asks first.
  await paste(page, "#f-served_enterprises-3-enterprise_name", enterprisesTsv);
  assert.equal(await rowCount(page, table), 42);
  await page.fill("#f-served_enterprises-1-enterprise_name", "新填的企业");
  await page.keyboard.press("Control+z");
  assert.equal(await rowCount(page, table), 42, "not undone by Ctrl+Z once something was typed");
  page.dialogAnswer = false;
  await page.click("#f-served_enterprises-undo");
  assert.equal(await rowCount(page, table), 42, "declined: nothing undone");
  page.dialogAnswer = true;
  await page.click("#f-served_enterprises-undo");
  assert.equal(await rowCount(page, table), 30);
  assert.equal(await page.inputValue("#f-served_enterprises-2-enterprise_name"), "原有企业");

  // Measured, not asserted: 2,000 rows in one paste, and its undo.
  const big = Array.from({ length: 50 }, () => enterprisesTsv).join("");
  const large = await paste(page, "#f-served_enterprises-1-enterprise_name", big);
  assert.equal(await rowCount(page, table), 2000);
  const undone = await page.evaluate(() => {
    const started = performance.now();
    document.getElementById("f-served_enterprises-undo").click();
    return performance.now() - started;
  });
  assert.equal(await rowCount(page, table), 30);
  t.diagnostic(`pasting 2,000 rows × 6 cells: ${large.ms.toFixed(0)} ms; undoing it: ${undone.toFixed(0)} ms`);
  await context.close();
});

test("40 rows pasted into another table (合作单位, with its 起止 months); a choice column says what it cannot take; a single cell and text for a text box are ordinary pastes", async () => {
  const { context, page } = await freshPage(PLATFORM, { permissions: ["clipboard-read", "clipboard-write"] });
  const rows = Array.from({ length: 40 }, (_, k) => {
    const n = k + 1;
    const period = n === 1 ? "长期" : n % 2 ? `${2020 + (n % 5)}.${(n % 12) + 1}-至今` : `2024年${(n % 12) + 1}月—2025年12月`;
    return [`合作机构${n}`, `内容${n}`, period];
  });
  // Through the system clipboard and Ctrl+V, rows ending in \n only.
  await keyboardPaste(page, "#f-agreements-1-partner_name", rows.map((r) => r.join("\t")).join("\n"));
  assert.equal(await rowCount(page, "agreements"), 40, "the template's 12 rows and 28 more");
  const values = await tableValues(page, "agreements");
  assert.deepEqual(values[0], ["合作机构1", "内容1", "长期", ""], "what does not split goes whole into the first box, to be fixed");
  assert.deepEqual(values[1], ["合作机构2", "内容2", "2024-03", "2025-12"]);
  assert.deepEqual(values[2], ["合作机构3", "内容3", "2023-04", "至今"]);
  const report = await page.textContent("#f-agreements-report");
  assert.match(report, /^已把粘贴的40行3列填入「汇集的服务机构、专家具体如下」第1—40行的「签订合作协议的单位（聘用的外部专家）」至「合作起止时间」栏，新增28行。/);
  assert.match(report, /1格的内容不符合填写要求，已按原样填入并在表中标出，请修改：第1行「合作起止时间」。/);

  // One cell, with or without the line break a spreadsheet adds: the
  // browser's own paste, put where the cursor is.
  for (const text of ["甲公司", "甲公司\r\n"]) {
    const single = await paste(page, "#f-agreements-2-cooperation_content", text);
    assert.equal(single.native, true, JSON.stringify(text));
  }
  await keyboardPaste(page, "#f-agreements-2-cooperation_content", "（补充）");
  assert.equal(await page.inputValue("#f-agreements-2-cooperation_content"), "内容2（补充）");
  await keyboardPaste(page, "#f-agreements-3-cooperation_content", "甲公司\r\n");
  assert.equal(await page.inputValue("#f-agreements-3-cooperation_content"), "内容3甲公司");
  assert.equal(await rowCount(page, "agreements"), 40);
  await context.close();

  const plan = await freshPage(PLAN);
  await plan.page.check("#f-plan_type-platform");
  const block = "人才培训\t2023\t12\r\n投融资\t2024年\t1,200\r\n科技金融\t2025\t3家\r\n";
  await paste(plan.page, "#f-service_counts-1-category", block, "<table></table>");
  assert.deepEqual((await tableValues(plan.page, "service_counts")).slice(0, 3), [
    ["talent_training", "2023", "12"],
    ["financing", "2024年", "1200"],
    ["", "2025", "3"],
  ]);
  assert.match(
    await plan.page.textContent("#f-service_counts-report"),
    /以下1格未能填入，请核对后补填：第3行「服务类别」（粘贴内容为“科技金融”，不是可选的一项）。/,
  );
  // Lines of text into a text box are that box's text; from a spreadsheet, cells.
  const typed = await paste(plan.page, "#f-creation_tasks-1-purpose", "第一段\n第二段");
  assert.equal(typed.native, true);
  const cells = await paste(plan.page, "#f-creation_tasks-1-purpose", "第一段\n第二段\n", "<table></table>");
  assert.equal(cells.native, false);
  assert.equal(await plan.page.inputValue("#f-creation_tasks-2-purpose"), "第二段");
  await plan.context.close();
});

/** A table file with a header, the way an applicant's Excel saves it. */
function enterprisesCsv(prefix) {
  const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ["序号,企业名称,联系人,联系电话,服务内容简述,满意度（分）"];
  for (let n = 1; n <= 40; n++) {
    const summary = n === 2 ? "政策辅导，融资对接,\r\n两项" : `服务内容${n}`;
    lines.push([n, `${prefix}${n}有限公司`, `联系人${n}`, `1380013${1000 + n}`, summary, wide(String(60 + n))].map((c) => quote(String(c))).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

test("table files of 40 rows: UTF-8 with its mark, then GB18030 replacing them, one appended, the import undone", async () => {
  const { context, page } = await freshPage(PLATFORM);
  const table = "served_enterprises";
  const utf8 = join(scratch, "名单-utf8.csv");
  writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(enterprisesCsv("广州甲"), "utf8")]));
  await page.setInputFiles("#f-served_enterprises-file", utf8);
  await page.waitForFunction(() => /已从文件/.test(document.getElementById("f-served_enterprises-report").textContent));
  assert.equal(await rowCount(page, table), 40);
  let values = await tableValues(page, table);
  assert.deepEqual(values[1], ["广州甲2有限公司", "联系人2", "13800131002", "政策辅导，融资对接,两项", "62.0"]);
  assert.deepEqual(values[39], ["广州甲40有限公司", "联系人40", "13800131040", "服务内容40", "100.0"]);
  const report = await page.textContent("#f-served_enterprises-report");
  assert.ok(
    report.startsWith(
      `已从文件“名单-utf8.csv”导入40行到「${ENTERPRISES_TABLE}」第1—40行。文件第1行是表头，已按表头对应到本表的5栏。`,
    ),
    report,
  );
  assert.match(report, /其中40格已改写为规范格式/);
  assert.match(report, /文件中的「序号」列未导入：本表的序号自动编排。/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-served_enterprises-report");

  // GB18030, as Chinese Excel saves “CSV”: made by iconv, with a character
  // only GB18030 (not GBK) has. The table has rows: the page asks first.
  const gb = join(scratch, "名单-gb18030.csv");
  writeFileSync(gb, execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: enterprisesCsv("𠮷野家餐饮") }));
  await page.setInputFiles("#f-served_enterprises-file", gb);
  await page.waitForFunction(() => !document.getElementById("f-served_enterprises-file-choice").hidden);
  assert.match(
    await page.textContent("#f-served_enterprises-report"),
    new RegExp(`^已读取文件“名单-gb18030.csv”。「${ENTERPRISES_TABLE}」已有40行内容：请选择`),
  );
  assert.equal(await page.inputValue("#f-served_enterprises-1-enterprise_name"), "广州甲1有限公司", "nothing changed before the choice");
  await page.click('#f-served_enterprises-file-choice [data-table-file-mode="replace"]');
  assert.equal(await page.isHidden("#f-served_enterprises-file-choice"), true);
  assert.equal(await rowCount(page, table), 40);
  values = await tableValues(page, table);
  assert.deepEqual(values[0], ["𠮷野家餐饮1有限公司", "联系人1", "13800131001", "服务内容1", "61.0"]);
  assert.deepEqual(values[1][3], "政策辅导，融资对接,两项");
  assert.match(await page.textContent("#f-served_enterprises-report"), /导入40行到「.*」第1—40行，替换了原有内容。/);

  // A file without a header, added after the rows there are.
  const more = join(scratch, "补充.csv");
  writeFileSync(more, "佛山乙公司,王五,0757-83001234,培训,90\r\n,,,,\r\n佛山丙公司,赵六,13900000000,咨询,85,多出的一格\r\n");
  await page.setInputFiles("#f-served_enterprises-file", more);
  await page.waitForFunction(() => !document.getElementById("f-served_enterprises-file-choice").hidden);
  await page.click('#f-served_enterprises-file-choice [data-table-file-mode="append"]');
  assert.equal(await rowCount(page, table), 42);
  values = await tableValues(page, table);
  assert.deepEqual(values[40], ["佛山乙公司", "王五", "0757-83001234", "培训", "90.0"]);
  assert.deepEqual(values[41], ["佛山丙公司", "赵六", "13900000000", "咨询", "85.0"]);
  const appended = await page.textContent("#f-served_enterprises-report");
  assert.match(appended, /^已从文件“补充.csv”导入2行到「.*」第41—42行，添加在原有内容之后。文件第1行不是表头，已按列的顺序从「服务中小企业名称」栏起依次填入。/);
  assert.match(appended, /文件中的第6列本表没有对应的栏目，未导入（1格：“多出的一格”）。/);

  // 撤销导入: back to the GB18030 rows.
  assert.equal(await page.textContent("#f-served_enterprises-undo"), "撤销导入");
  await page.click("#f-served_enterprises-undo");
  assert.equal(await rowCount(page, table), 40);
  assert.equal(await page.inputValue("#f-served_enterprises-40-enterprise_name"), "𠮷野家餐饮40有限公司");

  // Cancelled, and a file that is neither UTF-8 nor GB18030: nothing changes.
  await page.setInputFiles("#f-served_enterprises-file", more);
  await page.waitForFunction(() => !document.getElementById("f-served_enterprises-file-choice").hidden);
  await page.click('#f-served_enterprises-file-choice [data-table-file-mode="cancel"]');
  assert.equal(await page.textContent("#f-served_enterprises-report"), `已取消导入文件“补充.csv”，「${ENTERPRISES_TABLE}」未改动。`);
  const broken = join(scratch, "乱码.csv");
  writeFileSync(broken, Buffer.from([0x81, 0x20, 0xff, 0xff, 0x0a]));
  await page.setInputFiles("#f-served_enterprises-file", broken);
  await page.waitForFunction(() => /未导入/.test(document.getElementById("f-served_enterprises-report").textContent));
  assert.match(await page.textContent("#f-served_enterprises-report"), /文字编码无法识别.*CSV UTF-8/);
  assert.equal(await rowCount(page, table), 40);
  await context.close();
});

// The page's tools (form-tools.js) place pasted cells and write the data
// file; the page loads them only once it is interactive.
test("a paste and a save asked for before the page's tools arrive happen, in that order, once they do", async () => {
  const context = await newContext({ acceptDownloads: true });
  await holdTools(context);
  const page = await openPage(context, fileUrl(PLATFORM));
  await page.waitForFunction(() => window.__held.length === 1);
  const names = ["广州甲科技有限公司", "深圳乙电子有限公司"];
  const { native } = await paste(page, "#f-served_enterprises-1-enterprise_name", names.join("\r\n") + "\r\n");
  assert.equal(native, false, "the page took the paste, for the tools");
  let downloads = 0;
  page.on("download", () => downloads++);
  await page.click("[data-action=export]");
  await page.waitForTimeout(300);
  assert.equal(downloads, 0, "the save waits for the tools");
  assert.equal(await page.inputValue("#f-served_enterprises-1-enterprise_name"), "", "so does the paste");

  const saved = page.waitForEvent("download");
  await releaseTools(page);
  const file = join(scratch, "before-tools.json");
  await (await saved).saveAs(file);
  const values = await tableValues(page, "served_enterprises");
  assert.deepEqual([values[0][0], values[1][0]], names);
  const rows = JSON.parse(readFileSync(file, "utf8")).data.served_enterprises;
  assert.deepEqual([rows[0].enterprise_name, rows[1].enterprise_name], names, "the paste came before the save");
  await context.close();
});

test("tools that cannot be loaded are said so when asked for; what was typed stays and is saved", async () => {
  const context = await newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    const set = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name, value) {
      if (name === "src" && String(value).endsWith("form-tools.js")) value = String(value).replace("form-tools.js", "no-such-tools.js");
      return set.call(this, name, value);
    };
  });
  const page = await openPage(context, fileUrl(PLATFORM));
  await page.fill("#f-served_enterprises-1-enterprise_name", "广州甲科技有限公司");
  await page.waitForFunction(() => document.getElementById("form-tools-script"));
  await page.waitForTimeout(300);
  const failed = /^打印、保存数据文件、导入数据文件和导入表格所需的程序（form-tools\.js）未能载入，请刷新页面后重试。填写内容未受影响。$/;
  await page.click("[data-action=export]");
  assert.match(await page.textContent("#form-status"), failed);
  await page.evaluate(() => (document.getElementById("form-status").textContent = ""));
  const { native } = await paste(page, "#f-served_enterprises-2-enterprise_name", "乙\r\n丙\r\n");
  assert.equal(native, false);
  assert.match(await page.textContent("#form-status"), failed);
  assert.equal(await page.inputValue("#f-served_enterprises-1-enterprise_name"), "广州甲科技有限公司");
  await page.locator("#f-served_enterprises-1-enterprise_name").blur();
  const saved = await draft(page, "platform-application");
  assert.equal(saved.data.served_enterprises[0].enterprise_name, "广州甲科技有限公司");
  // The file that failed to load is the one expected error of this test.
  page.record.console = page.record.console.filter(
    (m) => !m.includes("no-such-tools.js") && !m.includes("ERR_FILE_NOT_FOUND") && !m.includes("form-tools.js) did not load"),
  );
  await context.close();
});

test("tools that fail at a paste say so; the table is left as it was", async () => {
  const { context, page } = await freshPage(PLATFORM);
  await page.waitForFunction(() => window.formToolsReady);
  await page.fill("#f-served_enterprises-1-enterprise_name", "广州甲科技有限公司");
  await page.evaluate(() => {
    formTools.Tools.prototype.paste = () => {
      throw new Error("broken on purpose");
    };
  });
  const { native } = await paste(page, "#f-served_enterprises-2-enterprise_name", "乙\r\n丙\r\n");
  assert.equal(native, false);
  assert.equal(await page.textContent("#form-status"), "操作未能完成：页面程序出错。填写内容未受影响，请刷新页面后重试。");
  const values = await tableValues(page, "served_enterprises");
  assert.deepEqual([values[0][0], values[1][0], values[2][0]], ["广州甲科技有限公司", "", ""]);
  // The broken call is the one expected error of this test.
  assert.ok(page.record.console.some((m) => m.includes("the tools could not place a paste")));
  page.record.console = page.record.console.filter((m) => !m.includes("the tools could not place a paste"));
  await context.close();
});

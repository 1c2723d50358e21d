// The applicant's path in Firefox (Debian's firefox-esr, driven over
// WebDriver BiDi by puppeteer-core: no geckodriver), from file:// as
// applicants open the site: the engine starts on every form, typing is read
// and shown back, a draft survives a reload, an import fills the page, an
// export holds the answers, 导出 Word 文档 gives a .docx, and the page prints. Fails on any page error or
// console error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { site, fileUrl, fixture, scratchFolder } from "./harness.mjs";

const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const scratch = scratchFolder("firefox");
let browser;

before(async () => {
  site();
  assert.ok(existsSync(FIREFOX), `Firefox is required at ${FIREFOX} (apt-get install firefox-esr)`);
  browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
});
after(async () => browser && (await browser.close()));

/** A page of the site from file://, recording what a user should never see. */
async function open(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warn") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.problems = problems;
  await page.goto(fileUrl(path));
  await page.waitForFunction(() => document.documentElement.dataset.engine, { timeout: 20000 });
  return page;
}

async function leave(page, selector) {
  await page.evaluate((s) => document.querySelector(s).blur(), selector);
}

async function value(page, selector) {
  return page.$eval(selector, (e) => e.value);
}

test("firefox: the engine starts on every form page from file://", async () => {
  for (const form of ["summary-table", "platform-application", "base-application", "creation-plan"]) {
    const page = await open(`forms/${form}.html`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), "ready", form);
    assert.deepEqual(page.problems, [], form);
    await page.close();
  }
});

test("firefox: typed values are read and shown back; a wrong one is flagged on leaving", async () => {
  const page = await open("forms/base-application.html");
  await page.type("#f-revenue_2024", "１２，３４５．６");
  await leave(page, "#f-revenue_2024");
  await page.waitForFunction(() => document.getElementById("f-revenue_2024").value === "12345.60");
  await page.type("#f-credit_code", "91350100M000100Y44");
  await leave(page, "#f-credit_code");
  await page.waitForFunction(() => !document.getElementById("f-credit_code-error").hidden);
  assert.match(await page.$eval("#f-credit_code-error", (e) => e.textContent), /统一社会信用代码校验位不符/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("firefox: a draft survives a reload", async () => {
  const page = await open("forms/base-application.html");
  await page.type("#f-base_name", "火狐基地");
  await leave(page, "#f-base_name");
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine);
  assert.equal(await value(page, "#f-base_name"), "火狐基地");
  assert.match(await page.$eval("#form-status", (e) => e.textContent), /已恢复/);
  // Leave no draft behind for the next test.
  page.on("dialog", (d) => d.accept());
  await page.click("[data-action=clear]");
  await page.waitForFunction(() => document.getElementById("f-base_name").value === "");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("firefox: an export holds the answers, and importing it fills an empty page", async () => {
  const page = await open("forms/base-application.html");
  // Keep what the page hands to the download, as the browser would save it.
  await page.evaluate(() => {
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      window.lastExport = blob.text();
      return create.call(URL, blob);
    };
  });
  await page.type("#f-base_name", "导出基地");
  await page.type("#f-resident_revenue_2024", "560000");
  await page.click("[data-action=export]");
  const exported = JSON.parse(await page.evaluate(() => window.lastExport));
  assert.equal(exported.data.base_name, "导出基地");
  assert.equal(exported.data.resident_revenue_2024, "560000.00");
  assert.match(exported.data_checksum, /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
  page.on("dialog", (d) => d.accept());
  await page.click("[data-action=clear]");
  await page.waitForFunction(() => document.getElementById("f-base_name").value === "");

  const file = join(scratch, "base.json");
  writeFileSync(file, JSON.stringify(fixture("base-complete.json")));
  const input = await page.$("#import-file");
  await input.uploadFile(file);
  await page.waitForFunction(() => !document.getElementById("form-import-report").hidden);
  assert.match(await page.$eval("#form-import-report", (e) => e.textContent), /^已导入/);
  assert.equal(await value(page, "#f-base_name"), fixture("base-complete.json").data.base_name);
  await page.click("[data-action=clear]");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("firefox: 导出 Word 文档 loads the Word writer from file:// and hands over a .docx", async () => {
  const page = await open("forms/creation-plan.html");
  // The bytes the page hands to the download, as the browser would save them.
  await page.evaluate(() => {
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      window.lastWord = blob.arrayBuffer().then((b) => [blob.type, Array.from(new Uint8Array(b).slice(0, 2)), b.byteLength]);
      return create.call(URL, blob);
    };
  });
  await page.type("#f-applicant_name", "火狐测试运营公司");
  await page.click("[data-action=word]");
  await page.waitForFunction(() => document.documentElement.dataset.lastWord, { timeout: 30000 });
  const [type, magic, size] = await page.evaluate(() => window.lastWord);
  assert.equal(type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  assert.deepEqual(magic, [0x50, 0x4b], "a zip package");
  assert.ok(size > 10000, `${size} bytes`);
  assert.match(await page.evaluate(() => document.documentElement.dataset.lastWord), /^附件2\.4-创建方案-火狐测试运营公司-\d{8}-未完成\.docx$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("firefox: the form prints the document, with what was typed", async () => {
  const page = await open("forms/base-application.html");
  await page.type("#f-base_name", "打印测试基地");
  await page.type("#f-revenue_2024", "12345.6");
  await leave(page, "#f-revenue_2024");
  const pdf = await page.pdf({ format: "A4" });
  assert.equal(Buffer.from(pdf).subarray(0, 5).toString(), "%PDF-");
  const file = join(scratch, "print.pdf");
  writeFileSync(file, pdf);
  // Firefox ESR's PDFs lose some CJK glyphs to text extraction here, so the
  // answers looked for are figures (the document prints them normalised).
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  assert.ok(text.includes("12345.60"), "the typed figure is on the paper, as the engine reads it");
  assert.ok(!text.includes("检查填写情况"), "no tool bar on the paper");
  page.on("dialog", (d) => d.accept());
  await page.click("[data-action=clear]");
  assert.deepEqual(page.problems, []);
  await page.close();
});

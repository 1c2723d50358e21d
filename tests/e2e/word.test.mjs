// 导出 Word 文档 from file://, as applicants use it: on each form page, with
// every answer at its longest, the button loads the Word writer (only then:
// a form page's first load does not carry it), and a .docx is downloaded,
// named like the export. LibreOffice, as the real client, opens it: every
// answer is in it, and every page's footer carries the export's 数据校验码.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, scratchFolder } from "./harness.mjs";
import { platformMax, baseMax, planMax, summaryMax, printedAnswers } from "./print-fixtures.mjs";

const scratch = scratchFolder("word");
const squeeze = (s) => s.replace(/\s+/g, "");

const { freshPage } = browserSuite();

/** LibreOffice converts `file` (`pdf`, or text: `txt:Text (encoded):UTF8`); the result's path. */
function libreoffice(file, to, ext) {
  const outdir = join(scratch, ext);
  execFileSync("soffice", [`-env:UserInstallation=file://${scratch}/lo-profile`, "--headless", "--convert-to", to, "--outdir", outdir, file], {
    stdio: "ignore",
  });
  return join(outdir, file.split("/").pop().replace(/\.docx$/, `.${ext}`));
}

/** Whether the page has requested the Word writer's script (the harness records every request). */
const writerLoaded = (page) => page.record.requests.some((u) => u.endsWith("/static/word-writer.js"));

for (const [form, build] of [
  ["platform-application", platformMax],
  ["base-application", baseMax],
  ["creation-plan", planMax],
  ["summary-table", summaryMax],
]) {
  test(`${form}: 导出 Word 文档 gives the filled template as .docx, every answer in it`, async () => {
    const { context, page } = await freshPage(`forms/${form}.html`);
    assert.equal(await page.getAttribute("html", "data-engine"), "ready");
    assert.equal(writerLoaded(page), false, "the first load does not fetch the Word writer");
    const input = join(scratch, `${form}.json`);
    writeFileSync(input, JSON.stringify(build()));
    await page.setInputFiles("#import-file", input);
    await page.waitForSelector("#form-import-report:not([hidden])");

    const [json] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export]")]);
    const exported = JSON.parse(readFileSync(await json.path(), "utf8"));
    const [word] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), page.click("[data-action=word]")]);
    assert.equal(word.suggestedFilename(), json.suggestedFilename().replace(/\.json$/, ".docx"), "named like the export");
    assert.equal(writerLoaded(page), true);
    assert.ok(page.record.requests.some((u) => u.endsWith("/static/form-engine.js")), "requests are recorded");
    assert.match(await page.textContent("#form-status"), /^已导出 Word 文档“/);
    const file = join(scratch, word.suggestedFilename());
    await word.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), "PK", "a .docx package");

    // The page embeds the bundle in binary; the page's tools read it out.
    await page.waitForFunction(() => window.formToolsReady);
    const def = await page.evaluate(() => JSON.parse(new formTools.Tools(document.getElementById("form-bundle").textContent).definition()));
    const text = squeeze(readFileSync(libreoffice(file, "txt:Text (encoded):UTF8", "txt"), "utf8"));
    const missing = printedAnswers(def, exported.data).filter((a) => !text.includes(squeeze(a)));
    assert.deepEqual(missing, [], "answers missing from the Word file");
    const pages = execFileSync("pdftotext", [libreoffice(file, "pdf", "pdf"), "-"]).toString().split("\f").slice(0, -1);
    for (const [i, p] of pages.entries()) assert.ok(p.includes(`数据校验码 ${exported.data_checksum}`), `page ${i + 1} has the checksum`);

    // A second document comes from the writer already loaded.
    const [again] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=word]")]);
    assert.equal(again.suggestedFilename(), word.suggestedFilename());
    console.log(`# ${form}: ${pages.length} pages in LibreOffice`);
    await context.close();
  });
}

test("a Word writer that cannot be loaded is said so, and typing goes on being saved", async () => {
  const { context, page } = await freshPage("forms/base-application.html");
  await page.evaluate(() => {
    document.querySelector("[data-action=word]").dataset.script = "../static/no-such-writer.js";
  });
  await page.click("[data-action=word]");
  await page.waitForFunction(() => document.getElementById("form-status").textContent.startsWith("导出 Word 文档失败"));
  await page.fill("#f-base_name", "某某创业创新基地");
  await page.locator("#f-base_name").blur();
  await page.waitForFunction(() => (localStorage.getItem("form-draft:base-application") || "").includes("某某创业创新基地"));
  // The file that failed to load is the one expected error of this test.
  page.record.console = page.record.console.filter((m) => !m.includes("no-such-writer.js") && !m.includes("ERR_FILE_NOT_FOUND"));
  await context.close();
});

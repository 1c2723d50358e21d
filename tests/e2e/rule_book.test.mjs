// The page and `site-gen validate` agree on the cases of issue 9 ("the
// notice is the rule book"): the answers typed into the page, exported, and
// re-checked on the command line give the same problems and the same
// verdict. Answers the notice allows are accepted in both; the site's own
// inferences are warnings in both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, scratchFolder, fixture, fillForm, repo } from "./harness.mjs";

const scratch = scratchFolder("rules");
const { freshPage } = browserSuite();

/** `site-gen validate --json` of one file: its exit code and evaluation. */
function validate(file) {
  const args = ["run", "-q", "--release", "-p", "site-gen", "--", "validate", "--json", file];
  let stdout;
  let code = 0;
  try {
    stdout = execFileSync("cargo", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    stdout = e.stdout;
    code = e.status;
  }
  return { code, evaluation: JSON.parse(stdout)[0].evaluation };
}

const shape = (problems) => problems.map((p) => `${p.severity} ${p.field}${p.row ? `[${p.row}]` : ""}: ${p.message}`).sort();

async function typedAndExported(changes) {
  const { context, page } = await freshPage("forms/base-application.html");
  await fillForm(page, { ...fixture("base-complete.json").data, ...changes });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export]")]);
  const file = join(scratch, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(page.record.errors, []);
  await context.close();
  return { file, exported };
}

test("answers the notice allows are accepted, inferences only warn, in the page and on the command line alike", async () => {
  const { file, exported } = await typedAndExported({
    leading_industry: "391 计算机制造；392 通信设备制造",
    service_income_2024: "9000",
    revenue_2024: "8,000.1234",
    landline: "4008001234",
    rd_intensity_2024: "120",
  });
  assert.equal(exported.complete, true, JSON.stringify(exported.validation.problems));
  assert.equal(exported.data.leading_industry, "391 计算机制造；392 通信设备制造");
  assert.equal(exported.data.revenue_2024, "8000.1234", "every decimal typed is kept");
  assert.ok(exported.validation.problems.every((p) => p.severity === "warning"));
  const { code, evaluation } = validate(file);
  assert.equal(code, 0);
  assert.deepEqual(shape(evaluation.problems), shape(exported.validation.problems));
});

test("a decimal comma is refused in both, naming the field, never read as a larger number", async () => {
  const { file, exported } = await typedAndExported({ revenue_2024: "2,50" });
  assert.equal(exported.complete, false);
  const p = exported.validation.problems.find((p) => p.field === "revenue_2024");
  assert.equal(p.severity, "error");
  assert.match(p.message, /^「营业收入」：/);
  assert.equal(exported.data.revenue_2024, "2,50", "kept as typed, not 250");
  const { code, evaluation } = validate(file);
  assert.equal(code, 1);
  assert.deepEqual(shape(evaluation.problems), shape(exported.validation.problems));
});

// Browser benchmark (not a test): `node tests/e2e/bench.mjs` after a build
// (SITE_DIR, or a fresh build). Reports, medians over several runs in
// headless Chromium from file://:
//  - what a form page downloads for the engine (gzip -9), and the scripts
//    loaded only on demand;
//  - load to interactive: navigation start to the engine started and the
//    form ready, with domInteractive, the first contentful paint and the
//    engine's own start (`data-engine-ms`: reading the form, restoring, the
//    first update). The paint is reported beside readiness because one can
//    be bought with the other: holding the first paint until the engine has
//    started makes the form ready sooner but shows the page later;
//  - per keystroke, the whole update (read the changed answer, evaluate
//    what it reaches, show, save the draft): on the platform form filled
//    with 30 enterprises, 15 activities and 12 agreements, in a number and
//    in a table cell; and on a generated form of 10,000 fields.
// Load times on one machine drift by tens of milliseconds between runs, so
// two builds are compared within one run: `BENCH_COMPARE=SITE_A:SITE_B node
// tests/e2e/bench.mjs` loads each form page from the two sites in turn
// (BENCH_ROUNDS rounds, 30 unless set) and reports only the load figures.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { pathToFileURL } from "node:url";
import { launch, site, fileUrl, openPage, fixture, fillForm, repo } from "./harness.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const forms = ["forms/base-application.html", "forms/platform-application.html"];
const browser = await launch();

/** One load of `url` in a fresh profile: when the form was ready, domInteractive, first paint, the engine's start. */
async function load(url) {
  const context = await browser.newContext();
  const page = await openPage(context, url);
  const ready = Number(await page.getAttribute("html", "data-ready-at"));
  const engine = Number(await page.getAttribute("html", "data-engine-ms"));
  const interactive = await page.evaluate(() => performance.getEntriesByType("navigation")[0].domInteractive);
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
  const painted = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0].startTime);
  await context.close();
  return { ready, interactive, painted, engine };
}

/** Medians of each figure of `loads`, as one line. */
function loadLine(loads) {
  const m = (k) => median(loads.map((l) => l[k]));
  return (
    `load to interactive form median ${m("ready").toFixed(1)} ms (domInteractive ${m("interactive").toFixed(1)} ms; ` +
    `first contentful paint ${m("painted").toFixed(1)} ms; the engine's own start ${m("engine")} ms), ${loads.length} loads`
  );
}

if (process.env.BENCH_COMPARE) {
  const sites = process.env.BENCH_COMPARE.split(":");
  const rounds = Number(process.env.BENCH_ROUNDS) || 30;
  const loads = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const dir of sites) {
      for (const path of forms) {
        const key = `${dir} ${path}`;
        if (!loads.has(key)) loads.set(key, []);
        loads.get(key).push(await load(pathToFileURL(join(dir, path)).href));
      }
    }
  }
  for (const [key, l] of loads) console.log(`${key}: ${loadLine(l)}`);
} else {
  await full();
}
await browser.close();

/** The whole benchmark, on SITE_DIR (or a fresh build). */
async function full() {
  const root = site();

  const gzip = (file) => gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const statics = join(root, "static");
  const engineScripts = readdirSync(statics).filter((f) => /^form-engine.*\.js$/.test(f));
  const onDemand = readdirSync(statics).filter((f) => /\.js$/.test(f) && !/^form-engine.*\.js$/.test(f));
  console.log(
    `engine a form page downloads: ${engineScripts.map((f) => `${f} ${kb(gzip(join(statics, f)))}`).join(", ")} (gzip -9); ` +
      `other scripts: ${onDemand.map((f) => `${f} ${kb(gzip(join(statics, f)))}`).join(", ")}`,
  );

  for (const path of forms) {
    const loads = [];
    for (let i = 0; i < 9; i++) loads.push(await load(fileUrl(path)));
    console.log(`${path}: ${loadLine(loads)}`);
  }

  /** Median time of `n` input events on the control `selector`, each with the i-th of `values`. */
  async function keystrokes(page, selector, values, n = 300) {
    return median(
      await page.evaluate(
        ({ selector, values, n }) => {
          const input = document.querySelector(selector);
          const out = [];
          for (let i = 0; i < n; i++) {
            input.value = values[i % values.length];
            const t = performance.now();
            input.dispatchEvent(new Event("input", { bubbles: true }));
            out.push(performance.now() - t);
          }
          return out;
        },
        { selector, values, n },
      ),
    );
  }

  {
    const context = await browser.newContext();
    const page = await openPage(context, fileUrl("forms/platform-application.html"));
    await fillForm(page, fixture("platform-complete.json").data);
    const numbers = Array.from({ length: 20 }, (_, i) => String(40 + i));
    const names = Array.from({ length: 20 }, (_, i) => `第${i}次改写的企业名称`);
    const number = await keystrokes(page, "#f-service_staff", numbers);
    const cell = await keystrokes(page, 'table[data-table="served_enterprises"] tr[data-row="15"] [data-field="enterprise_name"]', names);
    const engineOnly = await page.evaluate(() => wasm_bindgen.measure_evaluation(1000));
    console.log(
      `platform form, 30 enterprises / 15 activities / 12 agreements: per keystroke (whole update) median ` +
        `${number.toFixed(2)} ms in a number, ${cell.toFixed(2)} ms in a table cell (300 keystrokes each); ` +
        `a whole-form evaluation alone mean ${(engineOnly * 1000).toFixed(0)} µs over 1000 runs`,
    );
    await context.close();
  }

  // A generated form of 100 sections × 100 fields, built into a copy of the site's content.
  {
    const sections = [];
    const answers = {};
    for (let s = 0; s < 100; s++) {
      const fields = [];
      const numbers = [];
      for (let k = 0; k < 99; k++) {
        const id = `s${s}_f${k}`;
        if (k % 5 === 0) {
          fields.push(`      - { id: ${id}, label: 第${s}部分文字${k}, type: text, required: true }`);
          answers[id] = "某某单位";
        } else if (k % 5 === 1) {
          fields.push(`      - { id: ${id}, label: 第${s}部分日期${k}, type: date }`);
          answers[id] = "2024-03-01";
        } else {
          fields.push(`      - { id: ${id}, label: 第${s}部分数量${k}, type: integer, required: true }`);
          numbers.push(id);
          answers[id] = "12";
        }
      }
      fields.push(`      - { id: s${s}_sum, label: 第${s}部分合计, type: computed, formula: "${numbers.join(" + ")}" }`);
      sections.push(`  - id: s${s}\n    title: 第${s}部分\n    fields:\n${fields.join("\n")}`);
    }
    const rules = Array.from(
      { length: 100 },
      (_, s) => `  - { id: r${s}, check: "s${s}_sum >= 0", message: 第${s}部分合计不能为负数, severity: warning }`,
    );
    const yaml = `id: wide\nversion: "1"\nattachment: "9.9"\ntitle: 一万项的表\nsections:\n${sections.join("\n")}\nrules:\n${rules.join("\n")}\n`;
    const dir = mkdtempSync(join(tmpdir(), "bench-wide-"));
    cpSync(join(repo, "content"), join(dir, "content"), { recursive: true });
    writeFileSync(join(dir, "content/forms/wide.yaml"), yaml);
    const out = join(dir, "public");
    execFileSync(
      "cargo",
      ["run", "-q", "--release", "-p", "site-gen", "--", "build", "--content", join(dir, "content"), "--output", out],
      { cwd: repo, stdio: ["ignore", "ignore", "inherit"] },
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(out, "forms/wide.html")).href);
    await page.waitForSelector("html[data-engine=ready]", { timeout: 120000 });
    // Every answer typed at once, then one update that reads them all (a
    // change event from the form itself names no one control).
    const loadMs = await page.evaluate((answers) => {
      for (const [id, v] of Object.entries(answers)) document.getElementById(`f-${id}`).value = v;
      const t = performance.now();
      document.getElementById("app-form").dispatchEvent(new Event("change", { bubbles: true }));
      return performance.now() - t;
    }, answers);
    const wide = await keystrokes(page, "#f-s50_f7", Array.from({ length: 20 }, (_, i) => String(i)), 100);
    console.log(
      `generated form of 10,000 fields, all answered: per keystroke (whole update) median ${wide.toFixed(2)} ms ` +
        `over 100 keystrokes; reading all 9,900 answers in one update ${loadMs.toFixed(0)} ms`,
    );
    await context.close();
  }
}

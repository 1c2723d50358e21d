// A finished look (issue 15): the form tool bar's actions in groups with
// the destructive one set apart, the bar within reach on a long form
// without covering the field being filled, 导入 a real button, and the
// progress list's states apart from the section names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite, fileUrl } from "./harness.mjs";

const { newContext, freshPage } = browserSuite();

const BASE = "forms/base-application.html";

async function open(viewport = { width: 1280, height: 800 }) {
  const { context, page } = await freshPage(BASE, { viewport });
  await page.waitForSelector("#form-tools:not([hidden])");
  return { context, page };
}

/** Where an element is on screen, and what the browser finds at its centre. */
function box(page, selector) {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, reachable: !!hit && (hit === e || e.contains(hit)) };
  });
}

test("清除草稿 is set apart from the other tools: its own group, at the end, in the warning style", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { context, page } = await open(viewport);
    const groups = await page.$$eval("#form-tools .tool-buttons > *", (gs) =>
      gs.map((g) => ({ role: g.getAttribute("role"), name: g.getAttribute("aria-label"), buttons: [...g.querySelectorAll("button")].map((b) => b.textContent) })),
    );
    assert.deepEqual(
      groups.map((g) => g.name),
      ["检查", "保存和导出", "打印", "删除"],
      "four labelled groups",
    );
    assert.ok(groups.every((g) => g.role === "group"));
    assert.deepEqual(groups.at(-1).buttons, ["清除草稿"], "the last group holds the destructive action alone");
    const look = await page.evaluate(() => {
      const style = (sel) => getComputedStyle(document.querySelector(sel));
      const clear = document.querySelector("[data-action=clear]");
      const others = [...document.querySelectorAll("#form-tools .tool-buttons button:not([data-action=clear])")];
      const c = clear.getBoundingClientRect();
      // The nearest other tool on the same line, or any if none is.
      const gaps = others
        .map((b) => b.getBoundingClientRect())
        .filter((r) => Math.abs(r.top - c.top) < 4)
        .map((r) => c.left - r.right);
      return {
        clear: style("[data-action=clear]").color,
        clearBorder: style("[data-action=clear]").borderTopColor,
        secondary: style("[data-action=review]").color,
        primaryBackground: style("[data-action=check]").backgroundColor,
        gap: gaps.length ? Math.min(...gaps) : null,
      };
    });
    assert.equal(look.clear, "rgb(179, 38, 30)", "the destructive action is in the error colour");
    assert.equal(look.clearBorder, "rgb(179, 38, 30)");
    assert.notEqual(look.clear, look.secondary);
    assert.equal(look.primaryBackground, "rgb(11, 79, 156)", "检查填写情况 is the primary action");
    // Wide: pushed to the far end of its line; narrow: after a divider's space.
    if (look.gap !== null) assert.ok(look.gap >= 20, `清除草稿 stands apart from its neighbour (${look.gap}px)`);
    await context.close();
  }
});

test("scrolled down a long form, every tool stays on screen and answers a click", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { context, page } = await open(viewport);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 2000);
    const bar = await box(page, "#form-tools");
    assert.ok(Math.abs(bar.top) < 1, `the bar is at the top of the window (${bar.top})`);
    const check = await box(page, "[data-action=check]");
    assert.ok(check.reachable && check.top >= 0, "检查填写情况 is on screen and not covered");
    // A phone scrolls the bar sideways; the browser brings a tool into view when it is focused.
    for (const sel of ["[data-action=review]", "[data-action=export]", "[data-opens=import-file]", "[data-action=print]", "[data-action=clear]"]) {
      await page.$eval(sel, (e) => e.scrollIntoView({ block: "nearest", inline: "nearest" }));
      const b = await box(page, sel);
      assert.ok(b.reachable, `${sel} can be clicked`);
      assert.ok(b.bottom <= bar.bottom + 1, `${sel} is within the bar at the top`);
    }
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled > 2000, "the page is still scrolled down");
    // And it works from there: 检查填写情况 brings up the list of problems.
    await page.click("[data-action=check]");
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    await context.close();
  }
});

test("a field the keyboard or an error link moves to is never hidden under the bar", async () => {
  const { context, page } = await open();
  const below = async (sel) => {
    const bar = await box(page, "#form-tools");
    const field = await box(page, sel);
    assert.ok(field.top >= bar.bottom, `${sel} (top ${field.top}) is below the bar (bottom ${bar.bottom})`);
  };
  // Tab backwards to a field that sits just under the stuck bar.
  const [a, b] = ["#f-high_tech_revenue_2024", "#f-tech_smes"];
  await page.$eval(a, (e) => window.scrollBy(0, e.getBoundingClientRect().top - 40));
  assert.ok((await box(page, a)).top < (await box(page, "#form-tools")).bottom, "the field starts under the bar");
  await page.focus(b);
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => "#" + document.activeElement.id), a);
  await below(a);
  // From the error summary: the link moves focus to the field, clear of the bar.
  await page.click("[data-action=check]");
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  const link = page.locator("#error-summary-list a").last();
  const target = "#" + (await link.getAttribute("href")).slice(1);
  await link.click();
  await page.waitForFunction((t) => "#" + document.activeElement?.id === t, target);
  await below(target);
  await context.close();
});

test("导入数据文件 is a button: focus shows, and Enter or Space opens the file picker", async () => {
  const { context, page } = await open();
  const button = page.locator("[data-opens=import-file]");
  assert.equal(await button.evaluate((e) => e.tagName), "BUTTON");
  assert.equal(await page.$eval("#import-file", (e) => e.tabIndex), -1, "the file input itself takes no tab stop");
  // Tab from 保存数据文件 lands on it, visibly.
  await page.focus("[data-action=export]");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.opens), "import-file");
  const outline = await button.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, "none", "the focus is visible");
  await context.close();
  // Each key on a fresh page: the browser has one file picker open at a time.
  for (const key of ["Enter", "Space"]) {
    const { context, page } = await open();
    // Listening before the key is pressed: Playwright catches pickers only
    // once it has told the browser to, which takes a round trip.
    const choosers = [];
    page.on("filechooser", (c) => choosers.push(c));
    await page.focus("[data-opens=import-file]");
    await page.keyboard.press(key);
    for (let i = 0; i < 50 && !choosers.length; i++) await page.waitForTimeout(100);
    assert.equal(choosers.length, 1, `${key} opens the picker`);
    assert.equal(await choosers[0].element().evaluate((e) => e.id), "import-file");
    await context.close();
  }
});

test("填写进度 shows each section's state as a tag apart from its name", async () => {
  const { context, page } = await open();
  await page.fill("#f-base_name", "示例基地");
  await page.locator("#f-base_name").blur();
  await page.waitForSelector("#form-progress-list .progress-tag.is-in_progress");
  const rows = await page.$$eval("#form-progress-list li", (lis) =>
    lis.map((li) => {
      const a = li.querySelector("a").getBoundingClientRect();
      const tag = li.querySelector(".progress-tag");
      const t = tag.getBoundingClientRect();
      return { gap: t.left - a.right, tagBorder: getComputedStyle(tag).borderTopStyle, text: tag.textContent };
    }),
  );
  assert.ok(rows.length >= 2);
  for (const r of rows) {
    assert.ok(r.gap >= 8, `the state stands apart from the name (${r.gap}px)`);
    assert.equal(r.tagBorder, "solid", "the state is drawn as a tag");
  }
  assert.equal(rows[0].text, "未完成");
  await context.close();
});

test("with scripts off the tool bar takes no room (its place is kept only while the engine starts)", async () => {
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(fileUrl(BASE));
  const tools = await page.$eval("#form-tools", (e) => [e.hidden, e.getBoundingClientRect().height]);
  assert.deepEqual(tools, [true, 0]);
  await context.close();
});

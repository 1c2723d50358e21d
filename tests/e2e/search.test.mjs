// Search from file://, in a real browser: the document number, the phone
// number, one character and a Latin word are found; each result links its
// page and the heading above the match (whose part of the page holds it);
// only the index files a query needs are loaded, all from the site's own
// folder; the page is usable by keyboard and announces its results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite, fileUrl, openPage, seriousViolations } from "./harness.mjs";

const { newContext, freshPage } = browserSuite();

const siteBase = () => fileUrl("");

async function searchFor(query) {
  const context = await newContext();
  const page = await openPage(context, fileUrl("search.html") + "?q=" + encodeURIComponent(query));
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 10000 });
  return { context, page };
}

/** Each result as shown: page link, heading link (if any), snippet, marked parts. */
function results(page) {
  return page.$$eval(".search-result", (items) =>
    items.map((li) => ({
      title: li.querySelector(".search-result-title a").textContent,
      href: li.querySelector(".search-result-title a").getAttribute("href"),
      heading: li.querySelector(".search-result-heading a")?.textContent ?? null,
      headingHref: li.querySelector(".search-result-heading a")?.getAttribute("href") ?? null,
      snippet: li.querySelector(".search-result-snippet")?.textContent ?? "",
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

/**
 * Opens a heading link and returns the text of its part of the page: from
 * the heading to the next heading (the part the index cut the page into).
 */
async function partOfPage(context, href) {
  const [path, fragment] = href.split("#");
  const page = await openPage(context, fileUrl(path) + "#" + fragment);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.equal(id, fragment);
  const part = await page.evaluate((id) => {
    const target = document.getElementById(id);
    if (!target) return null;
    const headings = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")];
    const start = headings.find((h) => h === target || target.contains(h) || h.contains(target)) || target;
    const next = headings[headings.indexOf(start) + 1];
    const range = document.createRange();
    range.setStartBefore(start);
    if (next) range.setEndBefore(next);
    else range.setEndAfter(document.querySelector("main").lastChild);
    return { heading: start.textContent.trim(), text: range.toString() };
  }, id);
  await page.close();
  return part;
}

test("the document number is found on the notice, the home page and the pages that cite it", async () => {
  const { context, page } = await searchFor("粤工信服务函〔2025〕31号");
  const found = await results(page);
  const hrefs = found.map((r) => r.href);
  for (const p of ["notice.html", "index.html", "measures/index.html", "attachments/index.html"]) assert.ok(hrefs.includes(p), `${p} in ${hrefs}`);
  const notice = found.find((r) => r.href === "notice.html");
  assert.equal(notice.title, "通知全文");
  assert.ok(notice.marks.includes("粤工信服务函〔2025〕31号"), `the whole number is marked: ${notice.marks}`);
  assert.match(await page.textContent("#search-status"), /^找到\d+个包含“粤工信服务函〔2025〕31号”的页面。$/);
  // Typed with other brackets, it is found all the same.
  const again = await searchFor("粤工信服务函[2025]31号");
  assert.deepEqual((await results(again.page)).map((r) => r.href), hrefs);
  await again.context.close();
  await context.close();
});

test("the phone number is found, and each heading link leads to the part of the page that holds it", async () => {
  const { context, page } = await searchFor("020-83134726");
  const found = await results(page);
  const hrefs = found.map((r) => r.href);
  for (const p of ["notice.html", "guide/how-to-apply.html", "index.html"]) assert.ok(hrefs.includes(p), `${p} in ${hrefs}`);
  let headed = 0;
  for (const r of found) {
    assert.ok(r.marks.includes("020-83134726"), `${r.href}: marked in the snippet "${r.snippet}"`);
    if (!r.headingHref) continue;
    headed++;
    assert.ok(r.headingHref.startsWith(r.href + "#"), `${r.headingHref} is an anchor of ${r.href}`);
    const part = await partOfPage(context, r.headingHref);
    assert.ok(part, `${r.headingHref}: the anchor exists`);
    assert.equal(part.heading, r.heading, `${r.headingHref}: the heading shown is the one linked`);
    assert.ok(part.text.includes("020-83134726"), `${r.headingHref}: its part holds the number`);
  }
  assert.ok(headed >= 3, "most results are under a heading");
  await context.close();
});

test("one character is found, marked wherever it stands", async () => {
  const { context, page } = await searchFor("章");
  const found = await results(page);
  assert.ok(found.some((r) => r.href === "guide/how-to-apply.html" && r.heading === "盖章要求"), JSON.stringify(found.slice(0, 3)));
  assert.ok(found.some((r) => r.href === "forms/summary-table.html"), "the summary table's stamp line");
  for (const r of found) assert.ok(r.marks.length && r.marks.every((m) => m === "章"), `${r.href}: ${r.marks}`);
  await context.close();
});

test("a Latin word is found whatever its case, and not inside other words", async () => {
  const { context, page } = await searchFor("wps");
  const found = await results(page);
  assert.ok(found.length >= 2);
  assert.ok(found.some((r) => r.href.startsWith("forms/")), "the form pages mention WPS");
  for (const r of found) assert.ok(r.marks.length && r.marks.every((m) => m === "WPS"), `${r.href}: ${r.marks}`);
  await context.close();
  const none = await searchFor("zzzxq");
  assert.equal(await none.page.textContent("#search-status"), "没有找到包含“zzzxq”的页面。可以换用更短的词，或检查是否有错别字。");
  assert.equal(await none.page.locator(".search-result").count(), 0);
  await none.context.close();
});

test("a phrase no page holds whole falls back to the pages holding most of its pairs, and says so", async () => {
  // 盖章 and 电话 are on several pages, never as one phrase.
  const { context, page } = await searchFor("盖章电话");
  assert.match(await page.textContent("#search-status"), /^没有页面包含完整的“盖章电话”；以下\d+个页面包含其中大部分字词。$/);
  const found = await results(page);
  assert.ok(found.length > 0);
  for (const r of found) assert.ok(r.marks.length && r.marks.every((m) => ["盖章", "电话"].includes(m)), `${r.href}: ${r.marks}`);
  await context.close();
});

test("a query loads the index file, its terms' shards and the shown pages' shards: nothing else, nothing from elsewhere", async () => {
  const { context, page } = await searchFor("章");
  const loaded = page.record.requests.filter((u) => u.includes("/search/")).map((u) => u.slice(u.indexOf("/search/") + 1));
  assert.equal(loaded.filter((u) => u.startsWith("search/terms-")).length, 1, `one term, one shard: ${loaded}`);
  assert.ok(loaded.includes("search/index.js"));
  assert.ok(page.record.requests.every((u) => u.startsWith(siteBase())), `only the site's own files: ${page.record.requests}`);
  await context.close();
});

test("from any page: the search box opens the results page; Enter searches and the results are announced", async () => {
  const { context, page } = await freshPage("guide/how-to-apply.html");
  assert.equal(await page.getAttribute("form[role=search]", "aria-label"), "站内搜索");
  assert.equal(await page.isVisible("#site-search-input"), true);
  assert.equal(await page.isHidden("[data-site-search-link]"), true, "the stand-in link gives way to the box");
  await page.fill("#site-search-input", "020-83134726");
  await Promise.all([page.waitForURL(/search\.html\?q=020-83134726$/), page.press("#site-search-input", "Enter")]);
  await page.waitForFunction(() => document.querySelectorAll(".search-result").length > 0);
  assert.equal(await page.getAttribute("#search-status", "aria-live"), "polite");
  assert.equal(await page.getAttribute("#search-status", "role"), "status");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input", "the box has focus");
  // A new query typed on the results page replaces the results.
  await page.fill("#search-input", "章");
  await page.press("#search-input", "Enter");
  await page.waitForFunction(() => /“章”/.test(document.getElementById("search-status").textContent));
  // Tab leads from the box to the button, then through the results' links.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest(".search-result") !== null), true);
  const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await Promise.all([page.waitForURL((u) => u.href.startsWith(fileUrl(first.split("#")[0]))), page.keyboard.press("Enter")]);
  assert.equal(page.record.requests.filter((u) => !u.startsWith(siteBase())).length, 0);
  await context.close();
});

test("more results on request, the focus on the first new one", async () => {
  const { context, page } = await searchFor("的");
  const total = Number((await page.textContent("#search-status")).match(/找到(\d+)个/)[1]);
  assert.ok(total > 10, `${total} pages hold 的`);
  assert.equal(await page.locator(".search-result").count(), 10);
  await page.click("#search-more");
  await page.waitForFunction((n) => document.querySelectorAll(".search-result").length === n, Math.min(total, 20));
  assert.equal(await page.evaluate(() => [...document.querySelectorAll(".search-result")].indexOf(document.activeElement.closest(".search-result"))), 10);
  await context.close();
});

test("the results page passes an accessibility scan with results shown", async () => {
  const context = await newContext({ bypassCSP: true });
  const page = await openPage(context, fileUrl("search.html") + "?q=" + encodeURIComponent("020-83134726"));
  await page.waitForFunction(() => document.querySelectorAll(".search-result").length > 0);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test("the page cuts queries as the build cuts text (site-gen/src/search/tokens.rs)", async () => {
  const { context, page } = await searchFor("号");
  const got = await page.evaluate(() => ({
    number: siteSearch.queryTerms("粤工信服务函〔2025〕31号"),
    fullWidth: siteSearch.queryTerms("粤工信服务函[２０２５]31号"),
    phone: siteSearch.queryTerms("020-83134726"),
    latin: siteSearch.queryTerms("ＷＯＲＤ文档"),
    one: siteSearch.queryTerms("号"),
    punctuation: siteSearch.queryTerms("  ，。！？ "),
    shards: ["服务", "号", "83134726"].map((t) => siteSearch.shardOf(t, 1 << 16)),
  }));
  assert.deepEqual(got, {
    number: ["粤工", "工信", "信服", "服务", "务函", "2025", "31", "号"],
    fullWidth: ["粤工", "工信", "信服", "服务", "务函", "2025", "31", "号"],
    phone: ["020", "83134726"],
    latin: ["word", "文档"],
    one: ["号"],
    punctuation: [],
    // The same numbers as tokens.rs `shards_are_spread_and_stable`.
    shards: [11387, 39094, 58273],
  });
  await context.close();
});

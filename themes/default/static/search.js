/* The results page (search.html): finds pages by the words in `?q=` or
 * typed in the box. The index (site-gen/src/search/) is a set of classic
 * scripts in search/, added to the page one at a time as a query needs
 * them, so it works from a folder on disk: no fetch, no modules, nothing
 * from elsewhere. Each file calls siteSearch.meta/terms/pages below. */
(function () {
  "use strict";

  var VERSION = 1;
  var PAGE_SIZE = 10;

  var article = document.querySelector("[data-search-root]");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!article || !form || !input || !status || !list || !more) return;
  var root = article.getAttribute("data-search-root") || "";

  // What the index files hand over.
  var meta = null;
  var termShards = {};
  var pageShards = {};
  window.siteSearch = {
    meta: function (m) { meta = m; },
    terms: function (n, t) { termShards[n] = t; },
    pages: function (n, p) { pageShards[n] = p; }
  };

  var loading = {};
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (ok, fail) {
        var s = document.createElement("script");
        s.src = root + "search/" + name + ".js";
        s.onload = function () { ok(); };
        s.onerror = function () {
          delete loading[name];
          fail(new Error(name));
        };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }

  // ---- Terms: the same rules as site-gen/src/search/tokens.rs. ----

  var MAX_WORD_CHARS = 40;
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;

  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xff01 && n <= 0xff5e) return String.fromCodePoint(n - 0xfee0);
    if (n === 0x3000) return " ";
    return c;
  }

  function isCjk(c) {
    var n = c.codePointAt(0);
    return n === 0x3005 || n === 0x3007 || (n >= 0x3021 && n <= 0x3029) ||
      (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff) || (n >= 0x1100 && n <= 0x11ff) ||
      (n >= 0x20000 && n <= 0x323af);
  }

  function isWord(c) {
    return WORD.test(c) && !isCjk(c);
  }

  // Runs of word characters or of CJK characters: [{cjk, text}].
  function runs(text) {
    var out = [];
    var current = null;
    for (var c of text) {
      c = fold(c);
      var kind = isCjk(c) ? "cjk" : isWord(c) ? "word" : null;
      if (current && kind === current.kind) {
        current.text += c;
      } else {
        if (current) out.push(current);
        current = kind ? { kind: kind, text: c } : null;
      }
    }
    if (current) out.push(current);
    out.forEach(function (r) {
      if (r.kind === "word") r.text = Array.from(r.text.toLowerCase()).slice(0, MAX_WORD_CHARS).join("");
    });
    return out;
  }

  function queryTerms(query) {
    var out = [];
    function push(t) { if (out.indexOf(t) < 0) out.push(t); }
    runs(query).forEach(function (r) {
      var chars = Array.from(r.text);
      if (r.kind === "word" || chars.length === 1) push(r.text);
      else for (var i = 0; i + 1 < chars.length; i++) push(chars[i] + chars[i + 1]);
    });
    return out;
  }

  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    for (var c of term) {
      h ^= c.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charAt(d)] = d;

  // A term's postings: page number → score.
  function postings(encoded) {
    var out = new Map();
    var acc = 0, page = 0, first = true, havePage = false;
    for (var i = 0; i < encoded.length; i++) {
      var v = DIGIT[encoded.charAt(i)];
      acc = acc * 32 + (v & 31);
      if (v < 32) {
        if (!havePage) {
          page = first ? acc : page + acc;
          first = false;
          havePage = true;
        } else {
          out.set(page, acc);
          havePage = false;
        }
        acc = 0;
      }
    }
    return out;
  }

  // ---- Finding pages. ----

  // The pages holding every term, best first: [{page, score}]. When no
  // page holds them all, a query of three or more terms (a longer Chinese
  // phrase, several words) falls back to the pages holding most of them:
  // `partial` says so.
  function find(terms) {
    return load("index").then(function () {
      if (!meta || meta.version !== VERSION) throw new Error("index version");
      var shards = [];
      terms.forEach(function (t) {
        var s = shardOf(t, meta.termShards);
        if (shards.indexOf(s) < 0) shards.push(s);
      });
      return Promise.all(shards.map(function (s) { return load("terms-" + s); }));
    }).then(function () {
      var lists = terms.map(function (t) {
        var shard = termShards[shardOf(t, meta.termShards)] || {};
        return postings(Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : "");
      });
      var found = gather(lists, lists.length);
      var partial = false;
      if (!found.length && lists.length >= 3) {
        found = gather(lists, Math.max(2, Math.ceil(lists.length * 2 / 3)));
        partial = found.length > 0;
      }
      return { found: found, partial: partial };
    });
  }

  // Pages in at least `need` of the lists, by how many, then by score.
  function gather(lists, need) {
    var byPage = new Map();
    lists.forEach(function (list) {
      list.forEach(function (score, page) {
        var p = byPage.get(page);
        if (p) {
          p.terms++;
          p.score += score;
        } else {
          byPage.set(page, { page: page, terms: 1, score: score });
        }
      });
    });
    var found = [];
    byPage.forEach(function (p) { if (p.terms >= need) found.push(p); });
    found.sort(function (a, b) { return b.terms - a.terms || b.score - a.score || a.page - b.page; });
    return found;
  }

  function pageShardOf(page) {
    var starts = meta.pageShards;
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= page) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function pageData(page) {
    var n = pageShardOf(page);
    return load("pages-" + n).then(function () {
      var p = pageShards[n][page - meta.pageShards[n]];
      return { path: p[0], title: p[1], sections: p[2].map(function (s) {
        return { anchor: s[0], heading: s[1], level: s[2], text: s[3] };
      }) };
    });
  }

  // ---- Showing a page: its best part, a snippet, the matches marked. ----

  // Folded and lower-cased, one UTF-16 unit for one, so positions carry over.
  function normalize(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var n = c.charCodeAt(0);
      if (n >= 0xff01 && n <= 0xff5e) c = String.fromCharCode(n - 0xfee0);
      else if (n === 0x3000) c = " ";
      var lower = c.toLowerCase();
      out += lower.length === 1 ? lower : c;
    }
    return out;
  }

  // What to mark: the whole query as typed, and each of its runs.
  function needles(query) {
    var phrase = normalize(query).replace(/\s+/g, " ").trim();
    var pieces = runs(query).map(function (r) { return { text: r.text, word: r.kind === "word" }; });
    pieces.sort(function (a, b) { return b.text.length - a.text.length; });
    var terms = queryTerms(query).map(function (t) { return { text: t, word: isWord(Array.from(t)[0]) }; });
    return { phrase: phrase, pieces: pieces, terms: terms };
  }

  function isWordAt(text, i) {
    return i >= 0 && i < text.length && isWord(text.charAt(i));
  }

  // Every [start, end) of `piece` in `text` (a word only where it stands alone).
  function occurrences(text, piece, word) {
    var out = [];
    if (!piece) return out;
    var i = text.indexOf(piece);
    while (i >= 0) {
      var end = i + piece.length;
      if (!word || (!isWordAt(text, i - 1) && !isWordAt(text, end))) out.push([i, end]);
      i = text.indexOf(piece, i + 1);
    }
    return out;
  }

  function matches(text, n) {
    var norm = normalize(text);
    var whole = occurrences(norm, n.phrase, false);
    if (whole.length) return { whole: true, ranges: whole };
    var ranges = [];
    n.pieces.forEach(function (p) { ranges = ranges.concat(occurrences(norm, p.text, p.word)); });
    // A partial match: its terms (a phrase's character pairs) where they stand.
    if (!ranges.length) n.terms.forEach(function (p) { ranges = ranges.concat(occurrences(norm, p.text, p.word)); });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return { whole: false, ranges: merged };
  }

  function distinctPieces(text, n) {
    var norm = normalize(text);
    var has = function (p) { return occurrences(norm, p.text, p.word).length > 0; };
    return n.pieces.filter(has).length * 4 + n.terms.filter(has).length;
  }

  // The part of the page that answers best: the whole query before some
  // of it, a heading before body text, the first of equals.
  function bestSection(sections, n) {
    var best = null, bestScore = -1;
    sections.forEach(function (s) {
      var h = matches(s.heading, n), t = matches(s.text, n);
      var score = (h.whole ? 2000 : 0) + (t.whole ? 1000 : 0) +
        distinctPieces(s.heading, n) * 20 + distinctPieces(s.text, n) * 10;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    });
    return best;
  }

  var SNIPPET = 120;
  var BEFORE = 30;

  // A stretch of the text around its first match, as nodes with <mark>s.
  function snippet(text, n) {
    var m = matches(text, n);
    var start = 0;
    if (m.ranges.length) start = Math.max(0, m.ranges[0][0] - BEFORE);
    var end = Math.min(text.length, start + SNIPPET);
    if (end - start < SNIPPET) start = Math.max(0, end - SNIPPET);
    // Never cut a character written as two UTF-16 units in half.
    if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start--;
    if (end < text.length && /[\udc00-\udfff]/.test(text.charAt(end))) end++;
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    var at = start;
    m.ranges.forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (b <= a || a < at) return;
      frag.appendChild(document.createTextNode(text.slice(at, a)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      frag.appendChild(mark);
      at = b;
    });
    frag.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    return a;
  }

  function resultItem(p, n) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    h.appendChild(link(root + p.path, p.title || p.path));
    li.appendChild(h);
    var s = bestSection(p.sections, n) || p.sections[0];
    if (s && s.anchor) {
      var where = document.createElement("p");
      where.className = "search-result-heading";
      where.appendChild(link(root + p.path + "#" + s.anchor, s.heading));
      li.appendChild(where);
    }
    var text = s && (s.text || s.heading);
    if (text) {
      var snip = document.createElement("p");
      snip.className = "search-result-snippet";
      snip.appendChild(snippet(text, n));
      li.appendChild(snip);
    }
    return li;
  }

  // ---- The page. ----

  var current = { query: null, found: [], shown: 0, n: null };
  var run = 0;

  function say(text) {
    status.textContent = text;
  }

  function showMore() {
    var q = current;
    var pages = q.found.slice(q.shown, q.shown + PAGE_SIZE);
    var mine = run;
    return Promise.all(pages.map(function (f) { return pageData(f.page); })).then(function (data) {
      if (mine !== run) return;
      var first = null;
      data.forEach(function (p) {
        var li = resultItem(p, q.n);
        if (!first) first = li;
        list.appendChild(li);
      });
      q.shown += data.length;
      more.hidden = q.shown >= q.found.length;
      return first;
    });
  }

  function search(query) {
    query = query.trim();
    if (query === current.query) return Promise.resolve();
    var mine = ++run;
    var terms = queryTerms(query);
    current = { query: query, found: [], shown: 0, n: needles(query) };
    list.textContent = "";
    more.hidden = true;
    remember(query);
    if (!terms.length) {
      say(query ? "请输入文字或数字再搜索。" : "");
      return Promise.resolve();
    }
    return find(terms).then(function (result) {
      if (mine !== run) return;
      var found = result.found;
      current.found = found;
      if (!found.length) {
        say("没有找到包含“" + query + "”的页面。可以换用更短的词，或检查是否有错别字。");
        return;
      }
      return showMore().then(function () {
        if (mine !== run) return;
        say(result.partial
          ? "没有页面包含完整的“" + query + "”；以下" + found.length + "个页面包含其中大部分字词。"
          : "找到" + found.length + "个包含“" + query + "”的页面。");
      });
    }).catch(function () {
      if (mine !== run) return;
      say("搜索索引未能载入。请确认网站文件夹完整（含search文件夹），或重新打开本页。");
    });
  }

  // The words stay in the address, so the results page can be bookmarked
  // and Back returns to it.
  function remember(query) {
    try {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
    } catch (e) {
      // A browser that refuses to change a file: address: the results still show.
    }
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { search(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typing);
    search(input.value);
  });
  more.addEventListener("click", function () {
    showMore().then(function (first) {
      // Keyboard users carry on from the first new result.
      var a = first && first.querySelector("a");
      if (a) a.focus();
    });
  });

  form.hidden = false;
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q);
  }
  input.focus();
  window.siteSearch.queryTerms = queryTerms;
  window.siteSearch.shardOf = shardOf;
})();

/* The 推荐单位 page: the DOM side of form-review's desk (unit-desk.js, global
   unitDesk). Every check, pairing, quota and document is made in Rust; this
   file reads files, keeps the unit's work in the browser's storage, and
   shows what the desk returns, always as text (never as markup from a file). */
(function () {
  "use strict";
  var KEY = "unit-desk:work";
  var MAX_BYTES = 5 * 1024 * 1024; // as a form page imports
  var $ = function (id) { return document.getElementById(id); };
  var desk = null;
  var work = { files: [], chosen: [], unit_name: "", unit_kind: "", recommended_on: "" };
  var overview = null;
  var produced = null;
  var sort = { column: null, up: true };
  var saving = true; // false once another tab changed the work: never overwrite it unasked

  function status(text) { $("desk-status").textContent = text; }

  function storageWarning(text) {
    var w = $("desk-storage");
    w.textContent = text || "";
    w.hidden = !text;
  }

  function save() {
    if (!saving) return;
    try {
      localStorage.setItem(KEY, JSON.stringify(work));
      storageWarning("");
    } catch (e) {
      storageWarning("浏览器未能保存本页的工作（存储已满或不可用）：重新打开本页后需要重新选入文件。已选入的文件仍在您的电脑上，不受影响。");
    }
  }

  function load() {
    var text = null;
    try { text = localStorage.getItem(KEY); } catch (e) { storageWarning("浏览器不允许本页使用存储：关闭本页后，选入的文件和勾选情况不会保留。"); }
    if (!text) return;
    try {
      var w = JSON.parse(text);
      if (w && Array.isArray(w.files)) work = Object.assign(work, w);
    } catch (e) {
      // Kept aside, never overwritten: the unit may still want it.
      try { localStorage.setItem(KEY + ":unreadable", text); } catch (ignored) { /* nothing more to do */ }
      storageWarning("上次保存的工作无法读取，已另行保留；请重新选入文件。");
    }
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function refresh() {
    overview = JSON.parse(desk.overview(JSON.stringify(work)));
    // A choice of an applicant no longer on the desk is dropped.
    work.chosen = work.chosen.filter(function (k) { return overview.rows.some(function (r) { return r.key === k; }); });
    render();
  }

  function fileCell(f) {
    if (!f) return el("td", "缺", "desk-missing");
    var td = el("td");
    var b = el("button", f.attachment + (f.complete ? " 完整" : " 未完成"), "link-button");
    b.type = "button";
    b.dataset.view = f.file;
    b.setAttribute("aria-label", "查看" + f.attachment + "：" + f.file);
    td.appendChild(b);
    td.appendChild(el("span", "校验码 " + f.checksum, "desk-checksum"));
    return td;
  }

  var COLUMNS = [
    { label: "推荐", key: null },
    { label: "平台（基地）名称", key: function (r) { return r.object_name; } },
    { label: "运营主体", key: function (r) { return r.operator_name; } },
    { label: "统一社会信用代码", key: function (r) { return r.credit_code; } },
    { label: "类型", key: function (r) { return r.object_type; } },
    { label: "创建申请表", key: function (r) { return r.application ? 1 : 0; } },
    { label: "创建方案", key: function (r) { return r.plan ? 1 : 0; } },
    { label: "是否完整", key: function (r) { return r.complete ? 1 : 0; } },
    { label: "错误", key: function (r) { return r.errors; } },
    { label: "提示", key: function (r) { return r.warnings; } },
  ];

  function render() {
    var head = $("desk-head");
    head.textContent = "";
    var columns = COLUMNS.concat(overview.metric_labels.map(function (m) {
      return { label: m, key: function (r) { return r.metrics[m] || ""; } };
    })).concat([{ label: "说明", key: null }]);
    columns.forEach(function (c, i) {
      var th = el("th");
      th.scope = "col";
      if (c.key) {
        var b = el("button", c.label, "sort-button");
        b.type = "button";
        b.dataset.sort = String(i);
        th.setAttribute("aria-sort", sort.column === i ? (sort.up ? "ascending" : "descending") : "none");
        th.appendChild(b);
      } else th.textContent = c.label;
      head.appendChild(th);
    });
    var rows = overview.rows.slice();
    if (sort.column !== null && columns[sort.column].key) {
      var k = columns[sort.column].key;
      rows.sort(function (a, b) {
        var x = k(a), y = k(b);
        var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
        return sort.up ? c : -c;
      });
    }
    var body = $("desk-rows");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      var pick = el("td");
      var box = el("input");
      box.type = "checkbox";
      box.dataset.choose = r.key;
      box.checked = work.chosen.indexOf(r.key) >= 0;
      box.setAttribute("aria-label", "推荐" + (r.object_name || r.operator_name));
      pick.appendChild(box);
      tr.appendChild(pick);
      [r.object_name, r.operator_name, r.credit_code, r.object_type].forEach(function (t) { tr.appendChild(el("td", t)); });
      tr.appendChild(fileCell(r.application));
      tr.appendChild(fileCell(r.plan));
      tr.appendChild(el("td", r.complete ? "完整" : "不完整"));
      tr.appendChild(el("td", String(r.errors)));
      tr.appendChild(el("td", String(r.warnings)));
      overview.metric_labels.forEach(function (m) { tr.appendChild(el("td", r.metrics[m] || "")); });
      var notes = el("td");
      var list = el("ul", null, "desk-notes");
      var all = r.notes.slice();
      if (r.paired_by_name) all.unshift("创建方案按运营主体名称与申请表配对（创建方案不含统一社会信用代码）");
      all.forEach(function (n) { list.appendChild(el("li", n)); });
      notes.appendChild(list);
      tr.appendChild(notes);
      if (r.notes.length) tr.className = "desk-flagged";
      body.appendChild(tr);
    });
    var bad = $("desk-unreadable");
    bad.textContent = "";
    overview.unreadable.forEach(function (u) { bad.appendChild(el("li", "无法使用：" + u[0] + "（" + u[1] + "）", "desk-flagged")); });
    overview.summaries.forEach(function (s) { bad.appendChild(el("li", "未计入：" + s + " 是汇总表（附件2.1），不是申报单位的材料", "desk-flagged")); });
    $("desk-overview").hidden = overview.rows.length === 0;
    $("desk-choose").hidden = overview.rows.length === 0;
    var kinds = $("desk-unit-kinds");
    if (!kinds.childElementCount) {
      overview.unit_kinds.forEach(function (k) {
        var label = el("label", null, "choice");
        var r = el("input");
        r.type = "radio";
        r.name = "desk-unit-kind";
        r.value = k[0];
        label.appendChild(r);
        label.appendChild(document.createTextNode(k[1]));
        kinds.appendChild(label);
      });
    }
    kinds.querySelectorAll("input").forEach(function (r) { r.checked = r.value === work.unit_kind; });
    $("desk-unit-name").value = work.unit_name;
    $("desk-date").value = work.recommended_on;
    status("工作台上有 " + work.files.length + " 个文件、" + overview.rows.length + " 个申报对象；已勾选 " + work.chosen.length + " 个。");
  }

  function addFiles(list) {
    var files = Array.prototype.slice.call(list);
    var left = files.length;
    if (!left) return;
    files.forEach(function (f) {
      var done = function (text) {
        if (text !== null) {
          // The same file name again replaces the earlier one.
          work.files = work.files.filter(function (x) { return x.name !== f.name; });
          work.files.push({ name: f.name, text: text });
        }
        if (--left === 0) {
          produced = null;
          $("desk-produced").hidden = true;
          save();
          refresh();
        }
      };
      if (f.size > MAX_BYTES) {
        work.files = work.files.filter(function (x) { return x.name !== f.name; });
        work.files.push({ name: f.name, text: "" });
        done(null);
        return;
      }
      var reader = new FileReader();
      reader.onload = function () { done(String(reader.result)); };
      reader.onerror = function () { done(""); };
      reader.readAsText(f);
    });
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    document.documentElement.dataset.lastDownload = name;
  }

  var sheet = null;
  function printDocs(html, css) {
    // The desk's markup of documents: made by the engine, every text escaped there.
    $("desk-print").innerHTML = html;
    if (window.CSSStyleSheet && document.adoptedStyleSheets) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
      }
      sheet.replaceSync(css || "");
    }
    document.documentElement.dataset.print = "document";
    window.print();
  }

  function produce() {
    var now = new Date();
    var iso = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19) + "+08:00";
    var result = JSON.parse(desk.produce(JSON.stringify(work), iso));
    var refused = $("desk-refused");
    if (result.refused) {
      produced = null;
      $("desk-produced").hidden = true;
      var list = $("desk-refused-list");
      list.textContent = "";
      result.refused.forEach(function (r) { list.appendChild(el("li", r)); });
      refused.hidden = false;
      refused.focus();
      status("未生成：" + result.refused.join(""));
      return;
    }
    refused.hidden = true;
    produced = result.ok;
    var cautions = $("desk-cautions");
    cautions.textContent = "";
    produced.cautions.forEach(function (c) { cautions.appendChild(el("li", c)); });
    $("desk-produced").hidden = false;
    status("已按名额核对，可保存汇总表数据文件、打印汇总表和创建方案封面。");
  }

  function view(name) {
    var got = JSON.parse(desk.document(JSON.stringify(work), name));
    if (!got) return;
    $("desk-view-title").textContent = "查看：" + name;
    var problems = $("desk-view-problems");
    problems.textContent = "";
    got.problems.forEach(function (p) { problems.appendChild(el("li", p)); });
    if (!got.problems.length) problems.appendChild(el("li", "没有发现问题。"));
    // The document's markup comes from the engine, every answer escaped there.
    $("desk-view-document").innerHTML = got.html;
    $("desk-view").hidden = false;
    $("desk-view-title").focus();
  }

  function listen() {
    $("desk-pick").addEventListener("change", function (e) {
      addFiles(e.target.files);
      e.target.value = "";
    });
    var drop = $("desk-drop");
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("is-over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("is-over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("is-over");
      addFiles(e.dataTransfer.files);
    });
    $("desk-clear").addEventListener("click", function () {
      if (!window.confirm("确定清空工作台吗？选入的文件（仍在您的电脑上）和勾选情况将从本页移除。")) return;
      work = { files: [], chosen: [], unit_name: "", unit_kind: "", recommended_on: "" };
      saving = true;
      save();
      refresh();
    });
    $("desk-rows").addEventListener("change", function (e) {
      var k = e.target.dataset && e.target.dataset.choose;
      if (!k) return;
      work.chosen = work.chosen.filter(function (x) { return x !== k; });
      if (e.target.checked) work.chosen.push(k);
      save();
      status("已勾选 " + work.chosen.length + " 个创建对象。");
    });
    document.addEventListener("click", function (e) {
      var t = e.target.closest && e.target.closest("button");
      if (!t) return;
      if (t.dataset.sort) {
        var i = Number(t.dataset.sort);
        sort = { column: i, up: sort.column === i ? !sort.up : true };
        render();
        var again = document.querySelector("[data-sort=\"" + i + "\"]");
        if (again) again.focus();
      } else if (t.dataset.view) view(t.dataset.view);
      else if (t.id === "desk-view-close") {
        $("desk-view").hidden = true;
        $("desk-view-document").textContent = "";
      } else if (t.id === "desk-produce") produce();
      else if (produced && t.id === "desk-save-summary") download(produced.summary_name, produced.summary_json);
      else if (produced && t.id === "desk-save-manifest") download(produced.manifest_name, produced.manifest_json);
      else if (produced && t.id === "desk-print-summary") printDocs(produced.summary_html, produced.summary_css);
      else if (produced && t.id === "desk-print-covers") printDocs(produced.covers_html, "");
    });
    var field = function (id, key) {
      $(id).addEventListener("input", function (e) {
        work[key] = e.target.value;
        save();
      });
    };
    field("desk-unit-name", "unit_name");
    field("desk-date", "recommended_on");
    $("desk-unit-kinds").addEventListener("change", function (e) {
      work.unit_kind = e.target.value;
      save();
    });
    // Another tab changed the work: stop saving here until the unit decides.
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY) return;
      saving = false;
      storageWarning("本页已在另一个标签页中修改，为免互相覆盖，本页已暂停保存。刷新本页可载入另一标签页的内容。");
    });
    window.addEventListener("beforeunload", function (e) {
      if (!saving) {
        e.preventDefault();
        e.returnValue = "";
      }
    });
    window.addEventListener("afterprint", function () { delete document.documentElement.dataset.print; });
  }

  function start() {
    try {
      desk = new unitDesk.Desk($("desk-bundles").textContent);
    } catch (e) {
      $("desk-failed").hidden = false;
      document.documentElement.dataset.desk = "failed";
      return;
    }
    load();
    listen();
    $("desk-tools").hidden = false;
    refresh();
    document.documentElement.dataset.desk = "ready";
  }

  if (window.unitDeskReady) start();
  else if (window.unitDeskError || typeof unitDesk === "undefined") {
    $("desk-failed").hidden = false;
    document.documentElement.dataset.desk = "failed";
  } else {
    document.addEventListener("unit-desk-ready", start, { once: true });
    document.addEventListener("unit-desk-error", function () {
      $("desk-failed").hidden = false;
      document.documentElement.dataset.desk = "failed";
    }, { once: true });
  }
})();

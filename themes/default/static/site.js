/* Small enhancements; every page reads and prints correctly without them. */
(function () {
  "use strict";

  // Deadline status from the reader's own clock, in China Standard Time
  // (UTC+8), so a page built long ago still tells the truth today.
  function chinaToday() {
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }

  // `data-deadline` is the notice's “…前” date, read as the last day on
  // which materials are accepted (see partials/deadline.html, which says so):
  // open up to and including that day, closed from the day after.
  function deadlineStatus(el) {
    var parts = (el.getAttribute("data-deadline") || "").split("-");
    if (parts.length !== 3) return;
    var deadline = Date.UTC(+parts[0], +parts[1] - 1, +parts[2]);
    var days = Math.round((deadline - chinaToday()) / 86400000);
    var status = el.querySelector(".deadline-status");
    if (!status) return;
    if (days < 0) {
      status.textContent = "（已截止：本年度报送时间已过）";
      el.classList.add("is-closed");
    } else if (days === 0) {
      status.textContent = "（今天是截止日）";
      el.classList.add("is-open");
    } else {
      status.textContent = "（距截止日还有" + days + "天）";
      el.classList.add("is-open");
    }
  }

  // Printed links show where they lead, as a full address.
  function printAddresses() {
    var links = document.querySelectorAll("main a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("data-print-href", a.href);
    }
  }

  // The search box (partials/search-box.html) replaces the link to the
  // results page, and opens that page with the words in `?q=`: the page's
  // policy lets no form submit itself, and the results need scripts anyway.
  function searchBox(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = input.value.trim();
      location.href = form.getAttribute("action") + (q ? "?q=" + encodeURIComponent(q) : "");
    });
    form.hidden = false;
    var link = form.parentNode.querySelector("[data-site-search-link]");
    if (link) link.hidden = true;
  }

  var deadlines = document.querySelectorAll("[data-deadline]");
  for (var i = 0; i < deadlines.length; i++) deadlineStatus(deadlines[i]);
  var searchForms = document.querySelectorAll("form[data-site-search]");
  for (var j = 0; j < searchForms.length; j++) searchBox(searchForms[j]);
  printAddresses();
})();

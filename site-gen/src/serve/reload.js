/* Added by `site-gen serve` to each page it sends (never to the built
 * files): reloads the page once a newer build of the site has finished.
 * The server holds /__site-gen/wait?build=N until a build after N is done
 * (or for 25 s, when the script simply asks again). Only a page in view
 * asks, so tabs in the background do not use up the browser's few
 * connections to the server; a page coming into view asks at once. */
(function () {
  "use strict";
  var build = document.currentScript.getAttribute("data-build");
  var asking = null;
  var retry = null;

  function ask() {
    if (asking || document.visibilityState === "hidden") return;
    var controller = new AbortController();
    asking = controller;
    fetch("/__site-gen/wait?build=" + encodeURIComponent(build), { cache: "no-store", signal: controller.signal })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (s) {
        asking = null;
        if (String(s.build) !== build) location.reload();
        else ask();
      })
      .catch(function () {
        // Hidden (aborted), or the server is stopped or restarting: ask again later.
        if (asking !== controller) return;
        asking = null;
        clearTimeout(retry);
        retry = setTimeout(ask, 1000);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      if (asking) {
        var c = asking;
        asking = null;
        c.abort();
      }
    } else {
      ask();
    }
  });
  ask();
})();

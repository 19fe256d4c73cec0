/*
 * e5portfolio — a search never stays empty.
 *
 * mkdocs-material reads the search field on `keyup` and `focus`, and once
 * when its search worker says the index is ready. Text that arrives without a
 * key being released (pasted with the mouse, dictated, filled in by the
 * browser) after the field has the focus was never searched until the next
 * keystroke. Two small hooks:
 *
 * - an `input` event on the search field is followed by a `keyup`, so that
 *   material reads the field as if a key had been typed;
 * - the worker (material's own, or the iframe-worker shim from file://) is
 *   watched for its "ready" message (material's SearchMessageType.READY = 1):
 *   the query already in the field is then sent again (QUERY = 2), for the
 *   versions of material that dropped a query typed before the index was
 *   ready; <html data-e5-recherche="prete"> tells that the index is ready.
 *
 * Loaded as a polyfill (extra.polyfills), after iframe-worker.js and before
 * material's bundle, which creates the worker. No request, no storage.
 */
(function () {
  "use strict";
  var QUERY_FIELD = "[data-md-component=search-query]";
  var READY = 1;
  var QUERY = 2;
  var Base = window.Worker;

  function field() {
    return document.querySelector(QUERY_FIELD);
  }

  if (typeof Base === "function") {
    var Watched = function (url, options) {
      var worker = new Base(url, options);
      var ready = false;
      worker.addEventListener("message", function (event) {
        var data = event.data;
        if (ready || !data || data.type !== READY) {
          return;
        }
        ready = true;
        document.documentElement.setAttribute("data-e5-recherche", "prete");
        var input = field();
        if (input && input.value) {
          worker.postMessage({ type: QUERY, data: input.value });
        }
      });
      return worker;
    };
    Watched.prototype = Base.prototype;
    window.Worker = Watched;
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches(QUERY_FIELD)) {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
})();

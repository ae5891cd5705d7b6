(function () {
  "use strict";
  // Filters (bench/leaderboard/render_filters.py): hide rows whose facets are unticked or whose
  // size is out of range; show each board's hidden count and the active filters. Sets only
  // `hidden` and text made of numbers and the page's own option labels, never HTML.
  var form = document.querySelector("form.filters");
  if (!form) { return; }
  var ATTR = { system_type: "data-system-type", decoding: "data-decoding", open_weights: "data-open-weights",
    saw_test_articles: "data-saw" };
  function each(selector, root, fn) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn); }
  function apply() {
    var off = {}, any = false;
    each("input[data-facet]", form, function (box) {
      var item = document.querySelector('li[data-active="' + box.getAttribute("data-facet") + ":" + box.value + '"]');
      if (!box.checked) { off[box.getAttribute("data-facet") + ":" + box.value] = true; any = true; }
      if (item) { item.hidden = box.checked; }
    });
    var min = form.querySelector('select[data-size="min"]'), max = form.querySelector('select[data-size="max"]');
    var lo = min.value === "" ? null : Number(min.value), hi = max.value === "" ? null : Number(max.value);
    var undisclosed = form.querySelector("input[data-undisclosed]").checked;
    var sizeItem = document.querySelector('li[data-active="size"]');
    sizeItem.hidden = lo === null && hi === null;
    sizeItem.querySelector(".size-from").textContent = min.options[min.selectedIndex].text;
    sizeItem.querySelector(".size-to").textContent = max.options[max.selectedIndex].text;
    document.querySelector('li[data-active="undisclosed"]').hidden = undisclosed;
    any = any || !sizeItem.hidden || !undisclosed;
    document.querySelector(".active-filters .none-active").hidden = any;
    each(".board", null, function (board) {
      var hidden = 0;
      each("tr[data-slug]", board, function (row) {
        var show = true;
        Object.keys(ATTR).forEach(function (facet) {
          if (off[facet + ":" + row.getAttribute(ATTR[facet])]) { show = false; }
        });
        var params = row.getAttribute("data-params");
        if (params === "") { show = show && undisclosed; }
        else if (params !== null) {
          var n = Number(params);
          if ((lo !== null && n < lo) || (hi !== null && n > hi)) { show = false; }
        }
        row.hidden = !show;
        if (!show) { hidden += 1; }
      });
      var note = board.querySelector(".filter-note");
      if (note) {
        note.querySelector(".hidden-count").textContent = String(hidden);
        note.classList.toggle("some-hidden", hidden > 0);
      }
    });
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();

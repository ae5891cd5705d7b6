(function () {
  "use strict";
  // Sort a table by the data-v attribute of a column's cells; empty values always last,
  // equal values keep the rank order (data-i). Click again to reverse.
  function key(cell, type) {
    var value = cell ? cell.getAttribute("data-v") : null;
    if (value === null || value === "") { return null; }
    return type === "num" ? parseFloat(value) : value.toLowerCase();
  }
  function sortBy(table, column, th) {
    var type = th.getAttribute("data-type") || "text";
    var current = th.getAttribute("aria-sort");
    var dir = current === "ascending" ? "descending"
      : current === "descending" ? "ascending" : (th.getAttribute("data-first") || "ascending");
    var sign = dir === "ascending" ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var ka = key(a.cells[column], type), kb = key(b.cells[column], type);
      if (ka === null && kb !== null) { return 1; }
      if (kb === null && ka !== null) { return -1; }
      if (ka !== null && kb !== null && ka !== kb) { return (ka < kb ? -1 : 1) * sign; }
      return Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, column, th); }); }
    });
  });
})();

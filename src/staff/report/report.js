// Sorting for the report's table (kumiai report). Progressive enhancement: without this file
// the table is complete, in slug order; with it, every column header becomes a button.
"use strict";

document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, n) { row.dataset.order = String(n); });
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.dataset.type === "number";
      var key = function (row) {
        var value = row.cells[column].dataset.value || "";
        return numeric ? Number(value) : value;
      };
      var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = numeric ? x - y : x.localeCompare(y, "ja");
        if (!ascending) { order = -order; }
        // Ties keep slug order, so the same clicks always give the same table.
        return order || Number(a.dataset.order) - Number(b.dataset.order);
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
});

/* Search over search/search_index.js (written by the builder, loaded as a script so it works
   from file:// as well as from a web server). Every word typed must appear in a result; results
   are sections, those whose heading matches first, and each links to its section's anchor. */
(function () {
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var docs = (window.POLICYPACK_SEARCH && window.POLICYPACK_SEARCH.docs) || [];
  var base = (typeof base_url === "string" && base_url) ? base_url : ".";
  if (!input || !list || !status) return;
  function norm(s) { return (s || "").toLowerCase().replace(/\s+/g, " "); }
  function snippet(text, word) {
    var i = Math.max(0, norm(text).indexOf(word));
    var start = Math.max(0, i - 60);
    var end = Math.min(text.length, start + 160);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
  function run() {
    var q = norm(input.value).trim();
    list.textContent = "";
    if (q.length < 2) { status.textContent = ""; return; }
    var words = q.split(" ");
    var hits = [];
    docs.forEach(function (d, n) {
      var title = norm(d.title), hay = title + " " + norm(d.text);
      if (!words.every(function (w) { return hay.indexOf(w) !== -1; })) return;
      var inTitle = words.every(function (w) { return title.indexOf(w) !== -1; });
      hits.push({d: d, rank: (inTitle ? 0 : 2) + (d.location.indexOf("#") === -1 ? 1 : 0), n: n});
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.n - b.n; });
    hits = hits.slice(0, 25);
    status.textContent = hits.length ? hits.length + " result" + (hits.length > 1 ? "s" : "") : "No results";
    hits.forEach(function (h) {
      var d = h.d;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "/" + d.location;
      a.textContent = d.page && d.page !== d.title ? d.page + ": " + d.title : d.title;
      var p = document.createElement("p");
      p.textContent = snippet(d.text, words[0]);
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
  }
  input.addEventListener("input", run);
  if (input.value) run();
})();

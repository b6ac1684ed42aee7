/* Search over the index MkDocs' search plugin writes, loaded as a script so it works from
   file:// as well as from a web server. Every word typed must appear in a result. */
(function () {
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var docs = (window.POLICYPACK_SEARCH && window.POLICYPACK_SEARCH.docs) || [];
  if (!input || !list) return;
  function norm(s) { return (s || "").toLowerCase().replace(/\s+/g, " "); }
  function snippet(text, word) {
    var i = norm(text).indexOf(word);
    var start = Math.max(0, i - 60);
    return (start > 0 ? "…" : "") + text.substr(start, 160) + "…";
  }
  function run() {
    var q = norm(input.value).trim();
    list.innerHTML = "";
    if (q.length < 2) { status.textContent = ""; return; }
    var words = q.split(" ");
    var hits = docs.filter(function (d) {
      var hay = norm(d.title + " " + d.text);
      return d.location.indexOf("#") !== -1 && words.every(function (w) { return hay.indexOf(w) !== -1; });
    }).slice(0, 25);
    status.textContent = hits.length ? hits.length + " result" + (hits.length > 1 ? "s" : "") : "No results";
    hits.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base_url + "/" + d.location;
      a.textContent = d.page ? d.page + ": " + d.title : d.title;
      var p = document.createElement("p");
      p.textContent = snippet(d.text.replace(/<[^>]+>/g, ""), words[0]);
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
  }
  input.addEventListener("input", run);
})();

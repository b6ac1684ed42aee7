/* Search these pages with lunr.js (js/lunr/lunr.js, the library MkDocs' own search uses): English
   stemming (Porter's) and ranking (BM25), over search/search_index.js, which the builder writes
   (render/site/render.py, write_search_index) and the page loads as a script, so search works
   from a folder (file://) as well as from a web server. Nothing is fetched from anywhere else.

   Each entry of the index is one section of a page (or a page's opening text); the index is
   built in the page the first time the reader types. Each word typed is looked for in its
   stemmed form ("photos" as "photo", "monitored" as "monitor") and as the start of a longer word
   ("photo" finds "photographs"); a section needs only some of the words, and one with more of
   them, or with them in its heading, ranks higher. Results name their section and its page, best
   first, each linking to the section's anchor, with the words found marked in a snippet. */
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var docs = (window.POLICYPACK_SEARCH && window.POLICYPACK_SEARCH.docs) || [];
  var base = (typeof base_url === "string" && base_url) ? base_url : ".";
  if (!input || !list || !status || typeof window.lunr !== "function") return;
  var lunr = window.lunr;
  var MAX_RESULTS = 25;      // shown at most, best first
  var WEAKEST = 0.1;         // a result scoring under a tenth of the best one is left out
  var index = null;

  function build() {
    index = lunr(function () {
      this.ref("n");
      this.field("title", {boost: 5});
      this.field("text");
      this.metadataWhitelist = ["position"];     // where each word is, for the snippet
      for (var n = 0; n < docs.length; n++) {
        this.add({n: String(n), title: docs[n].title, text: docs[n].text});
      }
    });
  }

  /* The query's words as lunr reads text: lower case, split at spaces and hyphens, punctuation
     trimmed, lunr's own wildcard character and common words ("the", "and") left out. */
  function words(query) {
    var out = [];
    lunr.tokenizer(query).forEach(function (token) {
      var t = lunr.trimmer(token);
      t = t && t.update(function (s) { return s.replace(/\*/g, ""); });
      if (t && t.toString() && lunr.stopWordFilter(t)) out.push(t.toString());
    });
    return out;
  }

  function search(terms) {
    var results = index.query(function (q) {
      terms.forEach(function (word) {
        q.term(word, {boost: 10});              // the word, stemmed as the index was
        var stem = lunr.stemmer(new lunr.Token(word)).toString();
        if (stem.length >= 3) {                 // and a word it begins ("photo*")
          q.term(stem, {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1});
        }
      });
    });
    if (!results.length) return results;
    var floor = results[0].score * WEAKEST;
    return results.filter(function (r) { return r.score >= floor; }).slice(0, MAX_RESULTS);
  }

  /* Where the words were found in the entry's text: [start, length] pairs, in order. */
  function places(result) {
    var found = [];
    var meta = result.matchData.metadata;
    Object.keys(meta).forEach(function (term) {
      var text = meta[term].text;
      if (text && text.position) found = found.concat(text.position);
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* About 160 characters of the text around the first word found, the words found marked. */
  function snippet(text, found) {
    var p = document.createElement("p");
    var first = found.length ? found[0][0] : 0;
    var start = Math.max(0, first - 60);
    if (start > 0) start = text.lastIndexOf(" ", start) + 1;
    var end = Math.min(text.length, start + 160);
    if (end < text.length) end = Math.max(text.indexOf(" ", end), end);
    var at = start;
    p.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    found.forEach(function (f) {
      if (f[0] < at || f[0] + f[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, f[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(f[0], f[0] + f[1]);
      p.appendChild(mark);
      at = f[0] + f[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function run() {
    var terms = words(input.value);
    list.textContent = "";
    if (input.value.trim().length < 2) { status.textContent = ""; return; }
    if (index === null) build();
    var results = terms.length ? search(terms) : [];
    status.textContent = results.length ? results.length + " result" + (results.length > 1 ? "s" : "")
                                        : "No results";
    results.forEach(function (r) {
      var d = docs[+r.ref];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "/" + d.location;
      a.textContent = d.title;                  // the section's own heading
      li.appendChild(a);
      if (d.page && d.page !== d.title) {       // and the page it is on
        var where = document.createElement("span");
        where.className = "search-where";
        where.textContent = d.page;
        li.appendChild(where);
      }
      if (d.text) li.appendChild(snippet(d.text, places(r)));
      list.appendChild(li);
    });
  }

  input.addEventListener("input", run);
  if (input.value) run();
})();

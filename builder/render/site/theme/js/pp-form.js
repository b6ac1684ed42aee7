/* A form page fills in the school's own PDF form, in the browser.
 *
 * The page's <form> (render/form/page.py) holds the same questions as the PDF; each input names
 * the PDF field it fills (data-pdf-field). On submit the answers are checked (required items,
 * a Yes/No answered, dates that are dates) and problems are shown as GOV.UK's error summary
 * does: a box at the top with a link to each field in the fields' page order, focus moved to
 * it and its top brought into view, a message beside each field naming the field's own label,
 * tied to it by aria-describedby, aria-invalid on the field. When all is well, pdf.js
 * (js/pdfjs/, loaded only now) opens the very PDF the download link points at, sets each
 * field and saves it; the bytes are handed to the reader as a download, and "What happens
 * next" shows where to send it (a mailto: link, the form's name in its subject). Nothing is
 * sent anywhere and nothing is stored. Opened from a file (file://), the browser will not let the
 * page read the PDF: the page says so and offers the download instead.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src : document.baseURI;

  var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"];

  // "3/9/2026", "03-09-26", "3.9.2026", "2026-09-03", "3 September 2026", "3rd Sept 2026"
  function readDate(text) {
    var t = text.trim().replace(/\s+/g, " "), d, m, y, r;
    if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) { y = +r[1]; m = +r[2]; d = +r[3]; }
    else if ((r = /^(\d{1,2})\s*[\/.\- ]\s*(\d{1,2})\s*[\/.\- ]\s*(\d{2}|\d{4})$/.exec(t))) {
      d = +r[1]; m = +r[2]; y = +r[3];
    } else if ((r = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([A-Za-z]+)\.?,? (\d{2}|\d{4})$/i.exec(t))) {
      var word = r[2].toLowerCase(), found = 0;
      for (var i = 0; i < 12; i++) {
        if (word.length >= 3 && MONTHS[i].indexOf(word) === 0 || word === "sept" && i === 8) found = i + 1;
      }
      if (!found) return null;
      d = +r[1]; m = found; y = +r[3];
    } else return null;
    if (y < 100) y += 2000;
    var date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return date;
  }

  // the same as prefill's file names: "Zoë O'Brien-Łukasz" -> "zoe-obrien-lukasz"
  var FOLD = { "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae",
               "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th",
               "þ": "th", "ı": "i" };
  function safeName(text) {
    var t = text.replace(/[ŁłØøßÆæŒœĐđÐðÞþı]/g, function (c) { return FOLD[c]; })
      .normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/['`]/g, "");
    return t.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  function lowerFirst(s) {
    return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  }
  function quoted(label) { return "\u201c" + label + "\u201d"; }

  function setup(form) {
    var summary = document.getElementById(form.getAttribute("data-errors"));
    var send = form.querySelector(".pp-form-send");
    var nofill = form.querySelector(".pp-form-nofill");
    var status = form.querySelector(".pp-form-status");
    var button = send.querySelector("button");
    var done = form.querySelector(".pp-form-done");
    var title = document.title;

    if (location.protocol === "file:") {     // the browser refuses to read the PDF
      nofill.hidden = false;
      return;
    }
    send.hidden = false;

    function fieldBox(el) { return el.closest(".pp-field") || el.closest("fieldset"); }

    function clearErrors() {
      form.querySelectorAll(".pp-error-message").forEach(function (m) { m.remove(); });
      form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
      form.querySelectorAll(".pp-has-error").forEach(function (e) { e.classList.remove("pp-has-error"); });
      form.querySelectorAll("[data-pp-described]").forEach(function (e) {
        var ids = (e.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && id !== e.getAttribute("data-pp-described"); });
        if (ids.length) e.setAttribute("aria-describedby", ids.join(" "));
        else e.removeAttribute("aria-describedby");
        e.removeAttribute("data-pp-described");
      });
      summary.hidden = true;
      summary.querySelector("ul").textContent = "";
      done.hidden = true;
      document.title = title;
    }

    // one problem: the message beside the field (after its label or legend), tied to it
    function mark(target, focusEl, message, invalid) {
      var box = fieldBox(target);
      var id = focusEl.id + "-error";
      var p = document.createElement("p");
      p.className = "pp-error-message";
      p.id = id;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Error: ";
      p.appendChild(hidden);
      p.appendChild(document.createTextNode(message));
      var after = box.tagName === "FIELDSET" ? box.querySelector("legend")
        : box.querySelector("label[for='" + focusEl.id + "']") || box.firstElementChild;
      after.insertAdjacentElement("afterend", p);
      box.classList.add("pp-has-error");
      var described = box.tagName === "FIELDSET" ? box : focusEl;
      var ids = (described.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      ids.push(id);
      described.setAttribute("aria-describedby", ids.join(" "));
      described.setAttribute("data-pp-described", id);
      if (invalid) focusEl.setAttribute("aria-invalid", "true");
      return { href: "#" + focusEl.id, text: message };
    }

    // each problem in the order its field comes on the page: every input with a check of its
    // own (data-kind) and every group of radios or boxes (data-group), in document order
    function check() {
      var problems = [];
      form.querySelectorAll("input[data-kind], textarea[data-kind], fieldset[data-group]").forEach(function (el) {
        var problem = el.tagName === "FIELDSET" ? checkGroup(el) : checkField(el);
        if (problem) problems.push(problem);
      });
      return problems;
    }

    // one input's problem, if any; the message names the field's own label ("Full name", not
    // the legend of the signature it belongs to, which is added only to tell two apart)
    function checkField(el) {
      var kind = el.getAttribute("data-kind"), label = el.getAttribute("data-label") || "";
      var context = el.getAttribute("data-context");
      var whose = context ? " (" + context + ")" : "";
      var required = el.hasAttribute("required");
      if (kind === "tick") {
        return required && !el.checked ? mark(el, el, "Tick the box to confirm: " + quoted(label), true) : null;
      }
      var value = el.value.trim();
      if (!value) {
        if (!required) return null;
        var msg = kind === "signature_name" ? "Enter your " + lowerFirst(label) + " to sign" + whose
          : kind === "signature_date" ? "Enter the " + lowerFirst(label) + whose
          : /\?$/.test(label) || label.length > 60 ? "Answer " + quoted(label)
          : "Enter " + lowerFirst(label);
        return mark(el, el, msg, true);
      }
      if ((kind === "date" || kind === "signature_date") && !readDate(value)) {
        var what = kind === "signature_date" ? "the " + lowerFirst(label) + whose : lowerFirst(label);
        return mark(el, el, "Enter " + what + " as a real date, for example 3/9/2026", true);
      }
      return null;
    }

    // a Yes/No or a choice: its legend is the question's own label
    function checkGroup(fs) {
      var inputs = fs.querySelectorAll("input[data-pdf-field]");
      var chosen = Array.prototype.filter.call(inputs, function (i) { return i.checked; });
      var label = fs.getAttribute("data-label") || "";
      if (fs.getAttribute("data-group") === "yesno" && chosen.length > 1) {
        return mark(fs, inputs[0], "Select only one of yes or no for " + quoted(label), false);
      }
      if (fs.getAttribute("data-required") === "true" && chosen.length === 0) {
        return mark(fs, inputs[0], fs.getAttribute("data-group") === "yesno"
          ? "Select yes or no for " + quoted(label) : "Select an answer for " + quoted(label), false);
      }
      return null;
    }

    function showSummary(problems) {
      var list = summary.querySelector("ul");
      problems.forEach(function (pr) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = pr.href;
        a.textContent = pr.text;
        a.addEventListener("click", function (ev) {
          var el = document.getElementById(pr.href.slice(1));
          if (!el) return;
          ev.preventDefault();
          var box = fieldBox(el);
          (box.querySelector("legend") || box.querySelector("label") || el).scrollIntoView();
          el.focus({ preventScroll: true });
        });
        li.appendChild(a);
        list.appendChild(li);
      });
      summary.hidden = false;
      document.title = "Error: " + title;
      // focus without the browser's own scroll (which centres a tall summary, its heading above
      // the screen on a phone), then bring its top to the top of the screen at any width
      summary.focus({ preventScroll: true });
      summary.scrollIntoView({ block: "start" });
    }

    function who() {
      var field = form.getAttribute("data-file-name-field");
      var el = field && form.querySelector("[data-pdf-field='" + field + "']");
      return el ? el.value.trim() : "";
    }

    function fileName() {
      var stem = form.getAttribute("data-file-stem") || "form";
      var name = safeName(who());
      return stem + (name ? "-" + name : "") + ".pdf";
    }

    // what happens next: the file's name, and the email to send it in, its subject the form's
    // name and whose it is (the address was checked when the page was built)
    function showDone(name) {
      done.querySelector(".pp-form-file").textContent = name;
      var mail = done.querySelector("a.pp-form-mailto");
      if (mail) {
        var subject = mail.getAttribute("data-subject") + (who() ? ": " + who() : "");
        mail.href = "mailto:" + mail.getAttribute("data-address") + "?subject=" + encodeURIComponent(subject);
      }
      // the return text again, from the page's own copy above the form (its heading left out)
      var again = done.querySelector(".pp-form-done-return");
      var from = document.getElementById(again.getAttribute("data-from"));
      again.textContent = "";
      if (from) {
        Array.prototype.forEach.call(from.parentNode.children, function (el) {
          if (el !== from) again.appendChild(el.cloneNode(true));
        });
      }
      done.hidden = false;
    }

    function values() {
      var out = {};
      form.querySelectorAll("[data-pdf-field]").forEach(function (el) {
        var name = el.getAttribute("data-pdf-field");
        out[name] = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value;
      });
      return out;
    }

    function refused() {
      send.hidden = true;
      nofill.hidden = false;
      nofill.setAttribute("tabindex", "-1");
      nofill.focus();
    }

    async function fill() {
      var response;
      try {
        response = await fetch(new URL(form.getAttribute("data-pdf"), document.baseURI).href);
      } catch (e) { refused(); return null; }
      if (!response.ok) { refused(); return null; }
      var data = new Uint8Array(await response.arrayBuffer());
      var pdfjs = await import(new URL("pdfjs/pdf.min.js", base).href);
      pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs/pdf.worker.min.js", base).href;
      var doc = await pdfjs.getDocument({ data: data, isEvalSupported: false, enableXfa: false,
                                          verbosity: 0 }).promise;
      try {
        var want = values(), missing = Object.keys(want);
        for (var n = 1; n <= doc.numPages; n++) {
          var page = await doc.getPage(n);
          var annots = await page.getAnnotations();
          annots.forEach(function (a) {
            if (a.subtype !== "Widget" || a.readOnly || !(a.fieldName in want)) return;
            var v = want[a.fieldName];
            doc.annotationStorage.setValue(a.id, a.checkBox ? { value: !!v } : { value: String(v) });
            missing = missing.filter(function (m) { return m !== a.fieldName; });
          });
        }
        if (missing.length) throw new Error("the PDF has no field for " + missing.join(", "));
        return await doc.saveDocument();
      } finally {
        doc.destroy();
      }
    }

    function download(bytes, name) {
      var url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }

    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      clearErrors();
      status.textContent = "";
      var problems = check();
      if (problems.length) { showSummary(problems); return; }
      button.disabled = true;
      status.textContent = "Filling in the PDF\u2026";
      try {
        var bytes = await fill();
        if (!bytes) { status.textContent = ""; return; }
        var name = fileName();
        download(bytes, name);
        status.textContent = "Done: your answers are in the PDF " + name + ", saved on this device. "
          + "The school does not have them yet: \u201cWhat happens next\u201d, below, says where to send them.";
        showDone(name);
      } catch (e) {
        status.textContent = "Sorry, the PDF could not be filled in here (" + (e && e.message || e)
          + "). Download the PDF from the link below the form and fill it in another way instead.";
      } finally {
        button.disabled = false;
      }
    });
  }

  // the rules, for the page's tests (tests/browser/test_form_fill.py)
  window.ppForm = { readDate: function (t) { var d = readDate(t); return d && d.toISOString().slice(0, 10); },
                    safeName: safeName };
  document.querySelectorAll("form.pp-form-fields[data-pdf]").forEach(setup);
})();

/* Citing on reading pages: copy a passage with its citation, or the citation alone; quote a
 * selection ("引用所选"); collect passages into the handout (讲义); keep study notes.
 * No dependencies, works from file:// (README, 引用与讲义).
 *
 * What the generator puts in the page:
 *   div.cite[data-node][data-where]                      a part, directive or point: its citation is the
 *     > .cite-text                                       template filled with its locator, written into this
 *                                                        empty span when the page loads (addActions);
 *     > a.cite-link                                      its title, the portable reference (tanxin 2-2-2),
 *                                                        is added here: the document is the page's first
 *                                                        path segment (the link rules), the place data-node
 *   div.cite-template[data-cite][data-paragraph]         once per page: the citation of any place of the
 *                                                        document, {where} {place} {url} left open ({{ is
 *                                                        a "{" of the text), and a paragraph's locator
 *                                                        after its owner's (第{n}段)
 *   tr.cite[data-node][data-where]                       a row of the link catalog: its locator (its
 *                                                        citation is the template's); its last cell
 *                                                        (复制) is empty
 *   .verbatim[data-owner][data-where]  > p[id]          an owner's paragraphs (2-2-p3) and its locator
 *   data-url (on all, only when site_url is set)         the absolute address ({n}: the paragraph number)
 * The buttons of a div.cite line and of a catalog row are added here (addActions, addRowButton):
 * without JavaScript they would do nothing, and written into the HTML they were 5 % of a page (issue 13).
 * Copied text never holds a file: address: without site_url a citation ends with the portable
 * reference (本站编号：tanxin 2-2-2); a link is added only where the page has a real address
 * (site_url, or a page served over http/https).
 *
 * The Clipboard API needs a secure context and may be refused for file:// pages, so a hidden
 * textarea with execCommand('copy') is the fallback.  Storage is localStorage, which Chromium,
 * Firefox and Safari keep for file:// pages too.  window.StudyCite is shared with handout.js.
 */
(function () {
  "use strict";

  var HANDOUT_KEY = "studysite.handout.v1";
  var NOTES_KEY = "studysite.notes.v1";
  var PARAGRAPH = /-p(\d+)$/;
  var BLANKS = /^[ \t\u3000]+|[ \t\u3000]+$/g;
  var PARAGRAPHS = ".verbatim[data-owner] p[id], .fulltext[data-owner] p[id]";

  // ---- Where we are -----------------------------------------------------------------

  function config() {
    var el = document.getElementById("__config");
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch (err) {
      return {};
    }
  }

  /** The site root as an absolute URL ending in "/" (file:, http: or https:). */
  function siteRoot() {
    var base = config().base || ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href).href;
  }

  /** A page's path under the site root: "tanxin/2-2.html". */
  function pagePath(href) {
    var url = new URL(href || window.location.href, window.location.href);
    url.hash = "";
    url.search = "";
    var root = siteRoot();
    return url.href.indexOf(root) === 0 ? decodeURIComponent(url.href.slice(root.length)) : url.pathname;
  }

  /** The document a page belongs to: the first segment of its path ("tanxin/2-2.html"), by the link rules. */
  function docOf(page) {
    return page.split("/")[0];
  }

  /** The portable reference of a place (cite.short_reference): "tanxin 2-2-2". */
  function shortReference(page, place) {
    return docOf(page) + " " + place;
  }

  /** True where the page has an address others can open (never file:). */
  function servedOnline() {
    return /^https?:$/.test(window.location.protocol);
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /** The reader's own access date (引用日期) in a citation that carries a URL. */
  function withAccessDate(cite) {
    return cite.replace(/\[\d{4}-\d{2}-\d{2}\]\. (https?:)/, "[" + today() + "]. $1");
  }

  // ---- Passages and citations --------------------------------------------------------

  /** A citation from the page's template (div.cite-template) in one pass, as cite.fill_template does. */
  function fillTemplate(template, values) {
    return template.replace(/\{\{|\{(where|place|url)\}/g, function (field, name) {
      return name ? values[name] || "" : "{";
    });
  }

  /** The template of the page an element is on (handout.js reads pages it has fetched). */
  function templateOf(el) {
    return el.ownerDocument.querySelector(".cite-template[data-cite]");
  }

  /** The citation of a cite line (its visible text) or of a link-catalog row (its locator in the template). */
  function citationOf(box) {
    var template = templateOf(box);
    if (box.hasAttribute("data-where")) {
      return template ? fillTemplate(template.getAttribute("data-cite"), {
        where: box.getAttribute("data-where"),
        place: box.getAttribute("data-node"),
        url: box.getAttribute("data-url")
      }) : "";
    }
    var text = box.querySelector(".cite-text");
    return text ? text.textContent.replace(/\n/g, " ") : "";
  }

  function paragraphText(p) {
    return p.textContent.replace(BLANKS, "");
  }

  /** The paragraphs (p[id]) of a place in a document: a paragraph, or a section with its points. */
  function paragraphsOf(root, place) {
    if (PARAGRAPH.test(place)) {
      var one = root.querySelector('[data-owner] p[id="' + place + '"]');
      return one ? [one] : [];
    }
    var found = [];
    Array.prototype.forEach.call(root.querySelectorAll(".verbatim[data-owner]"), function (block) {
      var owner = block.getAttribute("data-owner");
      if (owner === place || owner.indexOf(place + "-") === 0) {
        Array.prototype.forEach.call(block.querySelectorAll("p[id]"), function (p) { found.push(p); });
      }
    });
    return found;
  }

/** Paragraphs as one passage: a line break between them where the source has one. */
  function joinParagraphs(paragraphs) {
    return paragraphs.map(function (p, i) {
      return (i && !p.hasAttribute("data-inline") ? "\n" : "") + paragraphText(p);
    }).join("");
  }

  function paragraphCitation(p) {
    var block = p.closest("[data-owner]");
    var template = templateOf(p);
    if (!template || !block.hasAttribute("data-where")) return "";
    var n = PARAGRAPH.exec(p.id)[1];
    return withAccessDate(fillTemplate(template.getAttribute("data-cite"), {
      where: block.getAttribute("data-where") + template.getAttribute("data-paragraph").replace(/\{n\}/g, n),
      place: p.id,
      url: (block.getAttribute("data-url") || "").replace(/\{n\}/g, n)
    }));
  }

  /** The published address of a paragraph, or "" where the page has none to give. */
  function paragraphUrl(p) {
    var block = p.closest("[data-owner]");
    var template = block.getAttribute("data-url");
    if (template) return template.replace(/\{n\}/g, PARAGRAPH.exec(p.id)[1]);
    if (servedOnline()) return window.location.href.split("#")[0] + "#" + p.id;
    return "";
  }

  /** The heading the page gives a place (h1 of a directive, h2 of a point), for the notes page. */
  function headingOf(root, place) {
    var heading = root.querySelector('h1[id="' + place + '"], h2[id="' + place + '"], h3[id="' + place + '"]');
    return heading ? heading.textContent.trim() : "";
  }

  /** Everything about a place as the handout keeps it. */
  function placeItem(root, box, page) {
    var place = box.getAttribute("data-node");
    var paragraphs = paragraphsOf(root, place);
    return {
      type: "passage",
      doc: docOf(page),
      page: page,
      place: place,
      text: joinParagraphs(paragraphs),
      cite: withAccessDate(citationOf(box)),
      short: shortReference(page, place),
      label: headingOf(root, place)
    };
  }

  /** A passage and its citation, as pasted into a lesson plan. */
  function passageWithCitation(text, cite, link) {
    return text + "\n出处：" + cite + (link ? "\n链接：" + link : "");
  }

  // ---- Text fragments ----------------------------------------------------------------

  function fragmentPart(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  /** "#2-3-p1:~:text=…": opens on the words, or on the paragraph where text fragments are not supported. */
  function textFragment(quote) {
    if (quote.length <= 40 && quote.indexOf("\n") < 0) return ":~:text=" + fragmentPart(quote);
    var lines = quote.split("\n");
    return ":~:text=" + fragmentPart(lines[0].slice(0, 12)) + "," + fragmentPart(lines[lines.length - 1].slice(-12));
  }

  // ---- Storage -----------------------------------------------------------------------

  function load(key, empty) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "null");
      return value || empty;
    } catch (err) {
      return empty;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (err) {
      return false;
    }
  }

  function loadHandout() {
    var handout = load(HANDOUT_KEY, null);
    if (!handout || !Array.isArray(handout.items)) handout = { title: "", items: [] };
    return handout;
  }

  function addToHandout(item) {
    var handout = loadHandout();
    handout.items.push(item);
    return save(HANDOUT_KEY, handout) ? handout.items.filter(function (i) { return i.type === "passage"; }).length : 0;
  }

  // ---- Clipboard ---------------------------------------------------------------------

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "cite-buffer";
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyWithTextarea(text)); }
      );
    } else {
      done(copyWithTextarea(text));
    }
  }

  function flash(button, label) {
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
    button.textContent = label;
    window.setTimeout(function () {
      button.textContent = button.getAttribute("data-label");
    }, 2000);
  }

  function copyAndReport(button, text) {
    copyText(text, function (ok) {
      button.setAttribute("data-copied", ok ? text : "");
      flash(button, ok ? "已复制" : "复制失败，请手动选择");
    });
  }

  // ---- Notes -------------------------------------------------------------------------

  function noteKey(doc, place) {
    return doc + "/" + place;
  }

  function showSavedNote(box) {
    var notes = load(NOTES_KEY, {});
    var key = noteKey(docOf(pagePath()), box.getAttribute("data-node"));
    var shown = box.nextElementSibling && box.nextElementSibling.classList.contains("cite-note-saved")
      ? box.nextElementSibling : null;
    var note = notes[key];
    if (!note || !note.text) {
      if (shown) shown.remove();
      return;
    }
    if (!shown) {
      shown = document.createElement("div");
      shown.className = "cite-note-saved";
      box.parentNode.insertBefore(shown, box.nextSibling);
    }
    shown.textContent = "我的笔记：" + note.text;
  }

  function openNoteEditor(box) {
    var existing = box.parentNode.querySelector('.cite-note-box[data-for="' + box.getAttribute("data-node") + '"]');
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    var doc = docOf(pagePath());
    var place = box.getAttribute("data-node");
    var notes = load(NOTES_KEY, {});
    var key = noteKey(doc, place);
    var editor = document.createElement("div");
    editor.className = "cite-note-box";
    editor.setAttribute("data-for", place);
    var label = document.createElement("label");
    label.textContent = "笔记（只保存在本机浏览器中，在“学习笔记”页汇总）";
    var area = document.createElement("textarea");
    area.rows = 3;
    area.value = notes[key] ? notes[key].text : "";
    label.appendChild(area);
    var saveButton = document.createElement("button");
    saveButton.type = "button";
    saveButton.className = "cite-note-save";
    saveButton.textContent = "保存笔记";
    var closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.textContent = "关闭";
    editor.appendChild(label);
    editor.appendChild(saveButton);
    editor.appendChild(closeButton);
    box.parentNode.insertBefore(editor, box.nextSibling);
    area.focus();
    saveButton.addEventListener("click", function () {
      var all = load(NOTES_KEY, {});
      var text = area.value.trim();
      if (text) {
        var item = placeItem(document, box, pagePath());
        item.text = text;
        item.passage = placeItem(document, box, pagePath()).text;
        item.updated = today();
        delete item.type;
        all[key] = item;
      } else {
        delete all[key];
      }
      save(NOTES_KEY, all);
      editor.remove();
      showSavedNote(box);
    });
    closeButton.addEventListener("click", function () { editor.remove(); });
  }

  // ---- Selection: 引用所选 / 加入讲义 ------------------------------------------------

  /** The paragraphs a range touches, and the selected words of each (verbatim, nothing else). */
  function selectedParagraphs(range) {
    var picked = [];
    var all = document.querySelectorAll(PARAGRAPHS);
    Array.prototype.forEach.call(all, function (p) {
      if (!range.intersectsNode(p)) return;
      var part = document.createRange();
      part.selectNodeContents(p);
      if (p.contains(range.startContainer)) part.setStart(range.startContainer, range.startOffset);
      if (p.contains(range.endContainer)) part.setEnd(range.endContainer, range.endOffset);
      var before = document.createRange();
      before.selectNodeContents(p);
      before.setEnd(part.startContainer, part.startOffset);
      var full = p.textContent;
      var lead = full.length - full.replace(/^[ \t\u3000]+/, "").length;
      var start = Math.max(0, before.toString().length - lead);
      var words = part.toString();
      if (words.replace(BLANKS, "")) picked.push({ p: p, start: start, text: words });
    });
    return picked;
  }

  function currentQuote() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var picked = selectedParagraphs(selection.getRangeAt(0));
    if (!picked.length) return null;
    var first = picked[0];
    var last = picked[picked.length - 1];
    var lines = picked.map(function (x, i) {
      var t = x.text;
      if (i === 0 && picked.length > 1) t = t.replace(/[ \t\u3000]+$/, "");
      return i === 0 ? t.replace(/^[ \t\u3000]+/, "") : t.replace(BLANKS, "");
    });
    var quote = lines.map(function (t, i) {
      return (i && !picked[i].p.hasAttribute("data-inline") ? "\n" : "") + t;
    }).join("");
    var base = paragraphUrl(first.p);
    return {
      quote: quote,
      first: first.p,
      last: last.p,
      start: first.start,
      end: picked.length > 1 ? last.text.replace(BLANKS, "").length : first.start + lines[0].length,
      cite: paragraphCitation(first.p),
      link: base ? base + textFragment(quote) : ""
    };
  }

  var toolbar = null;

  function hideToolbar() {
    if (toolbar) toolbar.hidden = true;
  }

  function showToolbar() {
    var quote = currentQuote();
    if (!quote) {
      hideToolbar();
      return;
    }
    if (!toolbar) {
      toolbar = document.createElement("div");
      toolbar.className = "cite-selection";
      toolbar.setAttribute("role", "toolbar");
      toolbar.setAttribute("aria-label", "所选文字");
      toolbar.innerHTML =
        '<button type="button" class="cite-selection-copy" title="复制所选原文、它所在段落的引文和直达这些文字的链接">引用所选</button>' +
        '<button type="button" class="cite-selection-handout" title="把所选原文加入讲义">加入讲义</button>';
      // Keep the selection when a button is pressed.
      toolbar.addEventListener("mousedown", function (event) { event.preventDefault(); });
      document.body.appendChild(toolbar);
    }
    var rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
    toolbar.style.top = (window.scrollY + rect.bottom + 8) + "px";
    toolbar.style.left = Math.max(8, window.scrollX + rect.left) + "px";
    toolbar.hidden = false;
  }

  var pending = 0;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(showToolbar, 150);
  });

  // ---- Clicks ------------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var button = target.closest("button");
    if (!button) return;
    var box = button.closest(".cite");
    if (button.classList.contains("cite-copy") && box) {
      copyAndReport(button, withAccessDate(citationOf(box)));
    } else if (button.classList.contains("cite-copy-passage") && box) {
      var item = placeItem(document, box, pagePath());
      copyAndReport(button, passageWithCitation(item.text, item.cite, ""));
    } else if (button.classList.contains("cite-handout") && box) {
      var count = addToHandout(placeItem(document, box, pagePath()));
      flash(button, count ? "已加入（讲义共 " + count + " 段）" : "无法保存");
    } else if (button.classList.contains("cite-note") && box) {
      openNoteEditor(box);
    } else if (button.classList.contains("cite-selection-copy")) {
      var quote = currentQuote();
      if (quote) copyAndReport(button, passageWithCitation(quote.quote, quote.cite, quote.link));
    } else if (button.classList.contains("cite-selection-handout")) {
      var q = currentQuote();
      if (!q) return;
      var block = q.first.closest("[data-owner]");
      var n = addToHandout({
        type: "passage",
        doc: pagePath().split("/")[0],
        page: pagePath(),
        place: q.first.id,
        last: q.last.id,
        start: q.start,
        end: q.end,
        text: q.quote,
        cite: q.cite,
        short: block ? shortReference(pagePath(), q.first.id) : "",
        selection: true
      });
      flash(button, n ? "已加入（讲义共 " + n + " 段）" : "无法保存");
    }
  });

  // ---- The buttons of a cite line ------------------------------------------------------

  /** class, title, label: in this order on every line (the click handler above reads the class). */
  var ACTIONS = [
    ["cite-copy-passage", "复制这段原文和它的引文", "复制原文+引文"],
    ["cite-copy", "只复制引文", "复制引文"],
    ["cite-handout", "把这段原文加入讲义", "加入讲义"],
    ["cite-note", "给这一处写学习笔记（保存在本机浏览器中）", "笔记"]
  ];

  /** The buttons after the line's link, before anything another script added (readers.js: 展开). */
  function addActions(box) {
    if (box.querySelector(".cite-actions")) return;
    // The line's text is the page's template filled with its locator, written here rather than in every line.
    var shown = box.querySelector(".cite-text");
    if (shown && !shown.firstChild && box.hasAttribute("data-where")) shown.textContent = citationOf(box);
    var actions = document.createElement("span");
    actions.className = "cite-actions";
    ACTIONS.forEach(function (action, i) {
      if (i) actions.appendChild(document.createTextNode(" "));
      var button = document.createElement("button");
      button.className = action[0];
      button.type = "button";
      button.title = action[1];
      button.textContent = action[2];
      actions.appendChild(button);
    });
    var link = box.querySelector(".cite-link");
    // Before Material mounts its tooltips (DOMContentLoaded): the link's hover text is the portable reference.
    if (link && !link.hasAttribute("title")) link.title = shortReference(pagePath(), box.getAttribute("data-node"));
    var after = link ? link.nextSibling : null;
    box.insertBefore(document.createTextNode(" "), after);
    box.insertBefore(actions, after);
  }

  /** A link-catalog row's 复制 (the citation alone, as 复制引文) in its last cell. */
  function addRowButton(row) {
    var cell = row.lastElementChild;
    if (!cell || cell.firstChild) return;
    var button = document.createElement("button");
    button.className = "cite-copy";
    button.type = "button";
    button.title = "复制引文和链接";
    button.textContent = "复制";
    cell.appendChild(button);
  }

  function lines() {
    return document.querySelectorAll("div.cite[data-node]");
  }

  function addButtons() {
    Array.prototype.forEach.call(lines(), addActions);
    Array.prototype.forEach.call(document.querySelectorAll("table.link-table tr.cite[data-where]"), addRowButton);
  }

  // The script runs at the end of the body, so the lines are there: buttons before the first paint.
  addButtons();

  function init() {
    addButtons();
    Array.prototype.forEach.call(lines(), showSavedNote);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  window.StudyCite = {
    HANDOUT_KEY: HANDOUT_KEY,
    NOTES_KEY: NOTES_KEY,
    siteRoot: siteRoot,
    servedOnline: servedOnline,
    paragraphsOf: paragraphsOf,
    paragraphText: paragraphText,
    joinParagraphs: joinParagraphs,
    paragraphCitation: paragraphCitation,
    withAccessDate: withAccessDate,
    citationOf: citationOf,
    fillTemplate: fillTemplate,
    textFragment: textFragment,
    load: load,
    save: save,
    loadHandout: loadHandout,
    copyText: copyText,
    copyAndReport: copyAndReport,
    flash: flash,
    passageWithCitation: passageWithCitation
  };
})();

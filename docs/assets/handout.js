/* The handout (讲义) and study-notes pages: list what was collected, edit it, hand it out.
 *
 * The collection is in localStorage (docs/assets/cite.js adds to it).  Hand-outs: print (A4,
 * page numbers, docs/assets/handout.css), a .docx made here with the vendored docx library
 * (assets/vendor/docx-9.15.2.iife.js, MIT, loaded only when asked for), plain text, and a
 * share link (#h=…) that names the passages, not their words: whoever opens it gets the words
 * from the published site itself, so a link cannot put words into a text.  README, 引用与讲义.
 */
(function () {
  "use strict";

  var S = window.StudyCite;
  var root = document.getElementById("handout-app") || document.getElementById("notes-app");
  if (!S || !root) return;
  var DOCX = "assets/vendor/docx-9.15.2.iife.js";
  var kind = root.getAttribute("data-kind");
  var siteUrl = root.getAttribute("data-site-url") || "";

  // ---- Small helpers -----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, className, onClick, title) {
    var b = el("button", className, label);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }

  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  function fileName(title, fallback) {
    return (title || fallback).replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 60);
  }

  function sourceLink(item) {
    return S.siteRoot() + item.page + "#" + item.place;
  }

  function loadDocx(done) {
    if (window.docx) return done();
    var script = document.createElement("script");
    script.src = S.siteRoot() + DOCX;
    script.onload = done;
    script.onerror = function () { window.alert("无法载入 Word 文档生成程序（" + DOCX + "）。"); };
    document.head.appendChild(script);
  }

  function b64encode(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function b64decode(data) {
    var binary = atob(data.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  }

  // ---- Documents out: plain text and .docx ------------------------------------------

  var LABELS = { heading: "", note: "说明：", question: "讨论题：" };

  /** Blocks in reading order: {kind: title|heading|passage|note|question, text, cite}. */
  function handoutBlocks(handout) {
    var blocks = [{ kind: "title", text: handout.title || "讲义" }];
    handout.items.forEach(function (item) {
      if (item.type === "passage") blocks.push({ kind: "passage", text: item.text, cite: item.cite });
      else blocks.push({ kind: item.type, text: item.text || "" });
    });
    return blocks;
  }

  function notesBlocks(notes) {
    var blocks = [{ kind: "title", text: "学习笔记" }];
    notesInOrder(notes).forEach(function (note) {
      blocks.push({ kind: "heading", text: (note.label ? note.label + "（" + note.short + "）" : note.short) || note.place });
      blocks.push({ kind: "passage", text: note.passage || "", cite: note.cite });
      blocks.push({ kind: "note", text: note.text, label: "笔记：" });
    });
    return blocks;
  }

  function plainText(blocks) {
    var out = [];
    blocks.forEach(function (b) {
      if (b.kind === "title") out.push(b.text, "");
      else if (b.kind === "heading") out.push("【" + b.text + "】", "");
      else if (b.kind === "passage") out.push(b.text, "出处：" + b.cite, "");
      else out.push((b.label || LABELS[b.kind]) + b.text, "");
    });
    return out.join("\r\n");
  }

  function docxBlob(blocks) {
    var D = window.docx;
    var font = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" };
    var children = [];
    blocks.forEach(function (b) {
      if (b.kind === "title") {
        children.push(new D.Paragraph({ heading: D.HeadingLevel.TITLE, alignment: D.AlignmentType.CENTER,
          children: [new D.TextRun({ text: b.text, font: font })] }));
      } else if (b.kind === "heading") {
        children.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_1,
          children: [new D.TextRun({ text: b.text, font: font })] }));
      } else if (b.kind === "passage") {
        b.text.split("\n").forEach(function (line) {
          children.push(new D.Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 },
            children: [new D.TextRun({ text: line, font: font, size: 24 })] }));
        });
        children.push(new D.Paragraph({ spacing: { after: 240 },
          children: [new D.TextRun({ text: "出处：" + b.cite, font: font, size: 20, color: "444444" })] }));
      } else {
        children.push(new D.Paragraph({ spacing: { after: 240 }, children: [
          new D.TextRun({ text: b.label || LABELS[b.kind], font: font, bold: true }),
          new D.TextRun({ text: b.text, font: font, italics: b.kind === "note" })
        ] }));
      }
    });
    var footer = new D.Footer({ children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER,
      children: [new D.TextRun({ children: [D.PageNumber.CURRENT] })] })] });
    var doc = new D.Document({
      creator: "学习文库",
      title: blocks[0].text,
      sections: [{
        properties: { page: { size: { width: 11906, height: 16838 } } },  // A4 in twentieths of a point
        footers: { default: footer },
        children: children
      }]
    });
    return D.Packer.toBlob(doc);
  }

  function exportButtons(blocksNow, name) {
    var bar = el("div", "handout-exports");
    bar.appendChild(button("打印", "handout-print", function () { window.print(); }, "A4，带页码；只打印讲义本身"));
    bar.appendChild(button("下载 Word 文档", "handout-docx", function () {
      var blocks = blocksNow();
      loadDocx(function () {
        docxBlob(blocks).then(function (blob) { download(blob, fileName(blocks[0].text, name) + ".docx"); });
      });
    }, "Word、WPS 都能打开的 .docx"));
    bar.appendChild(button("下载纯文本", "handout-txt", function () {
      var blocks = blocksNow();
      download(new Blob(["\ufeff" + plainText(blocks)], { type: "text/plain;charset=utf-8" }),
        fileName(blocks[0].text, name) + ".txt");
    }));
    return bar;
  }

  // ---- The handout -------------------------------------------------------------------

  var handout = S.loadHandout();
  var shared = null;  // a handout opened from a share link, before it is saved

  function store() {
    if (!shared) S.save(S.HANDOUT_KEY, handout);
  }

  function shareLink() {
    var items = handout.items.map(function (i) {
      if (i.type !== "passage") return [i.type.charAt(0), i.text || ""];
      return i.selection ? ["s", i.page, i.place, i.start, i.last, i.end] : ["p", i.page, i.place];
    });
    var data = b64encode(JSON.stringify({ t: handout.title || "", i: items }));
    var base = siteUrl ? siteUrl + "handout.html" : (S.servedOnline() ? window.location.href.split("#")[0] : "");
    return base ? base + "#h=" + data : "";
  }

  var TYPES = { h: "heading", n: "note", q: "question" };

  var SHARED_PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*\.html$/;
  var SHARED_PLACE = /^[A-Za-z0-9-]+$/;

  /** The words of a shared passage, read from the site's own page. */
  function resolve(entry) {
    var page = String(entry[1]);
    if (!SHARED_PAGE.test(page) || !SHARED_PLACE.test(String(entry[2])) || (entry[0] === "s" && !SHARED_PLACE.test(String(entry[4])))) {
      return Promise.reject(new Error("not a place of this site"));
    }
    return fetch(S.siteRoot() + page).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (entry[0] === "p") {
        var box = doc.querySelector('.cite[data-node="' + entry[2] + '"]');
        if (!box) throw new Error("no " + entry[2]);
        var paragraphs = S.paragraphsOf(doc, entry[2]);
        return { type: "passage", doc: page.split("/")[0], page: page, place: entry[2],
          text: S.joinParagraphs(paragraphs), cite: S.withAccessDate(S.citationOf(box)) };
      }
      var all = Array.prototype.slice.call(doc.querySelectorAll(".verbatim[data-owner] p[id]"));
      var from = all.findIndex(function (p) { return p.id === entry[2]; });
      var to = all.findIndex(function (p) { return p.id === entry[4]; });
      if (from < 0 || to < from) throw new Error("no " + entry[2]);
      var chosen = all.slice(from, to + 1);
      var lines = chosen.map(S.paragraphText);
      if (lines.length === 1) lines[0] = lines[0].slice(entry[3], entry[5]);
      else {
        lines[0] = lines[0].slice(entry[3]);
        lines[lines.length - 1] = lines[lines.length - 1].slice(0, entry[5]);
      }
      lines = lines.map(function (t, i) { return (i && !chosen[i].hasAttribute("data-inline") ? "\n" : "") + t; });
      return { type: "passage", doc: page.split("/")[0], page: page, place: entry[2], last: entry[4],
        start: entry[3], end: entry[5], selection: true, text: lines.join(""), cite: S.paragraphCitation(all[from]) };
    });
  }

  function openShared(data) {
    var decoded;
    try {
      decoded = JSON.parse(b64decode(data));
    } catch (err) {
      root.textContent = "分享链接不完整，无法打开。";
      return;
    }
    shared = { title: decoded.t || "", items: [] };
    handout = shared;
    root.textContent = "正在从网站读取分享的讲义……";
    Promise.all((decoded.i || []).map(function (entry) {
      if (entry[0] === "p" || entry[0] === "s") {
        return resolve(entry).catch(function () {
          return { type: "missing", text: "无法读取 " + entry[1] + "#" + entry[2] + "：分享链接要在发布的网站上打开。" };
        });
      }
      return Promise.resolve({ type: TYPES[entry[0]] || "note", text: String(entry[1] || "") });
    })).then(function (items) {
      shared.items = items;
      renderHandout();
    });
  }

  function move(index, step) {
    var other = index + step;
    if (other < 0 || other >= handout.items.length) return;
    var item = handout.items.splice(index, 1)[0];
    handout.items.splice(other, 0, item);
    store();
    renderHandout();
  }

  function addText(type) {
    handout.items.push({ type: type, text: "" });
    store();
    renderHandout();
    var fields = root.querySelectorAll(".handout-text");
    if (fields.length) fields[fields.length - 1].focus();
  }

  function itemView(item, index) {
    var li = el("li", "handout-item handout-" + item.type);
    if (item.type === "passage") {
      var passage = el("div", "handout-passage");
      item.text.split("\n").forEach(function (line) { passage.appendChild(el("p", "", line)); });
      li.appendChild(passage);
      li.appendChild(el("p", "handout-cite", "出处：" + item.cite));
      var open = el("a", "handout-source", "在原文中查看");
      open.href = sourceLink(item);
      li.appendChild(open);
    } else if (item.type === "missing") {
      li.appendChild(el("p", "handout-missing", item.text));
    } else {
      if (LABELS[item.type]) li.appendChild(el("span", "handout-label", LABELS[item.type]));
      var text = el(item.type === "heading" ? "h2" : "div", "handout-text", item.text);
      text.contentEditable = "true";
      text.setAttribute("aria-label", { heading: "小标题", note: "说明", question: "讨论题" }[item.type]);
      text.setAttribute("data-placeholder", { heading: "输入小标题", note: "输入说明", question: "输入讨论题" }[item.type]);
      text.addEventListener("input", function () {
        item.text = text.textContent;
        store();
      });
      li.appendChild(text);
    }
    var tools = el("div", "handout-tools");
    tools.appendChild(button("上移", "handout-up", function () { move(index, -1); }));
    tools.appendChild(button("下移", "handout-down", function () { move(index, 1); }));
    tools.appendChild(button("删除", "handout-remove", function () {
      handout.items.splice(index, 1);
      store();
      renderHandout();
    }));
    li.appendChild(tools);
    return li;
  }

  function renderHandout() {
    root.textContent = "";
    root.classList.add("handout-print");
    if (shared) {
      var banner = el("div", "handout-shared", "这是别人分享的讲义，原文取自本站。");
      banner.appendChild(button("保存为我的讲义（替换原有讲义）", "handout-keep", function () {
        shared = null;
        store();
        window.history.replaceState(null, "", window.location.pathname);
        renderHandout();
      }));
      root.appendChild(banner);
    }
    var titleInput = el("input", "handout-title-input");
    titleInput.type = "text";
    titleInput.placeholder = "讲义标题（例如：第三期学习讲义）";
    titleInput.setAttribute("aria-label", "讲义标题");
    titleInput.value = handout.title || "";
    var title = el("h2", "handout-title", handout.title || "讲义");
    titleInput.addEventListener("input", function () {
      handout.title = titleInput.value;
      title.textContent = handout.title || "讲义";
      store();
    });
    root.appendChild(titleInput);

    var controls = el("div", "handout-controls");
    controls.appendChild(button("加小标题", "handout-add-heading", function () { addText("heading"); }));
    controls.appendChild(button("加说明", "handout-add-note", function () { addText("note"); }));
    controls.appendChild(button("加讨论题", "handout-add-question", function () { addText("question"); }));
    controls.appendChild(button("复制分享链接", "handout-share", function (event) {
      var link = shareLink();
      if (!link) {
        window.alert("分享链接要用网站发布后的地址：请在 mkdocs.yml 中设置 site_url，或从网站（http/https）打开本页。");
        return;
      }
      event.target.setAttribute("data-link", link);
      S.copyAndReport(event.target, link);
    }, "别人打开这个链接，就看到同一份讲义（原文取自网站）"));
    controls.appendChild(button("清空讲义", "handout-clear", function () {
      if (!window.confirm("清空讲义中的全部内容？")) return;
      handout.items = [];
      handout.title = "";
      store();
      renderHandout();
    }));
    root.appendChild(controls);
    root.appendChild(exportButtons(function () { return handoutBlocks(handout); }, "讲义"));

    root.appendChild(title);
    if (!handout.items.length) {
      root.appendChild(el("p", "handout-empty",
        "讲义还是空的。在原文页面上点“加入讲义”，或选中一段文字后点“加入讲义”。"));
      return;
    }
    var list = el("ol", "handout-items");
    handout.items.forEach(function (item, index) { list.appendChild(itemView(item, index)); });
    root.appendChild(list);
  }

  // ---- Study notes -------------------------------------------------------------------

  function notesInOrder(notes) {
    return Object.keys(notes).map(function (key) { return notes[key]; });
  }

  function renderNotes() {
    var notes = S.load(S.NOTES_KEY, {});
    root.textContent = "";
    root.classList.add("handout-print");
    root.appendChild(exportButtons(function () { return notesBlocks(S.load(S.NOTES_KEY, {})); }, "学习笔记"));
    root.appendChild(el("h2", "handout-title", "学习笔记"));
    var list = notesInOrder(notes);
    if (!list.length) {
      root.appendChild(el("p", "handout-empty", "还没有笔记。在原文页面上点引用行里的“笔记”即可记下。"));
      return;
    }
    var ol = el("ol", "handout-items");
    Object.keys(notes).forEach(function (key) {
      var note = notes[key];
      var li = el("li", "handout-item handout-note-entry");
      li.appendChild(el("h3", "handout-note-place", (note.label ? note.label + "（" + note.short + "）" : note.short) || key));
      var passage = el("div", "handout-passage");
      (note.passage || "").split("\n").forEach(function (line) { passage.appendChild(el("p", "", line)); });
      li.appendChild(passage);
      li.appendChild(el("p", "handout-cite", "出处：" + note.cite));
      var text = el("div", "handout-note-text", note.text);
      li.appendChild(text);
      var open = el("a", "handout-source", "在原文中查看");
      open.href = sourceLink(note);
      li.appendChild(open);
      var tools = el("div", "handout-tools");
      tools.appendChild(button("删除", "handout-remove", function () {
        var all = S.load(S.NOTES_KEY, {});
        delete all[key];
        S.save(S.NOTES_KEY, all);
        renderNotes();
      }));
      li.appendChild(tools);
      ol.appendChild(li);
    });
    root.appendChild(ol);
  }

  if (kind === "notes") {
    renderNotes();
  } else if (window.location.hash.indexOf("#h=") === 0) {
    openShared(window.location.hash.slice(3));
  } else {
    renderHandout();
  }
})();

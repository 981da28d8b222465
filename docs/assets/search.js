/*
 * The study site's own search: any substring of the text, from disk (file://) and over http.
 *
 * The index is written by the generator (scripts/studysite/search_index.py, which documents the
 * format) into search/: meta.js, postings shards b/<n>.js and text chunks t/<k>.js.  Every file is
 * a plain script that registers itself with window.__studySearch, so it loads by <script>
 * injection from file:// as over http: no fetch, no worker, no request to any other host.
 * Nothing loads until the reader opens the search; a query loads the shards of its character
 * pairs, intersects their chunk lists, then loads the candidate chunks and checks every word
 * against the text itself: only what the text holds is shown.  The first hit is shown after two
 * loads in turn (the shards of each word's first and last pair, then one chunk, alone), the
 * complete list after the rest (searchWords says why).
 *
 * Installed through the theme's documented override points only: overrides/partials/search.html
 * (the box and result list, in Material's classes, so it keeps Material's look) and
 * extra_javascript (this file).  Material's own search plugin is off; nothing of Material's
 * JavaScript is touched, so a Material upgrade or another engine leaves search working.
 *
 * Semantics (as the worker it replaces): the query is split on blanks; every word must occur
 * in one entry (its heading or its text), Latin letters case-insensitively; a query typed in
 * traditional characters is folded to simplified ones first (OpenCC's table, search/t2s.js),
 * and searched as typed if that finds nothing.  Ranking: entries whose heading holds words
 * first, then by occurrences, times the page's weight (0.01 on term pages); pages by their
 * best entry.  In a large library a query may have more candidate chunks than it needs:
 * chunks whose headings hold the words are checked first, then in library order, until a
 * screenful of pages is found; "显示更多" checks further.
 */
"use strict";

(function (root) {
  /** Pages per screen of results (Material showed ten, then more on scrolling). */
  const PAGE_LIMIT = 10;
  /** Candidate chunks checked all at once, so the ranking is exact; beyond it, in batches. */
  const CHECK_ALL = 40, BATCH = 6;
  /** Heading hits outweigh any number of text hits (capped below it). */
  const TITLE = 10;
  /** Characters of a paragraph shown around the first hit, and before it. */
  const SNIPPET = 120, LEAD = 30;

  // ------------------------------------------------------------------------------------------
  // The engine: pure functions over the registered index files (tests/test_search_js.py runs
  // it in Node with a loader that reads the files from disk).

  /** The registry the index files call; `waiting` resolves loads that wait for a file. */
  function registry() {
    const reg = { meta: null, fold: null, shards: new Map(), chunks: new Map(), waiting: new Map() };
    const arrived = path => { const done = reg.waiting.get(path); reg.waiting.delete(path); if (done) done(); };
    return {
      data: reg,
      api: {
        meta: m => { reg.meta = m; arrived("meta.js"); },
        fold: pairs => {
          const map = new Map();
          const chars = Array.from(pairs);
          for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
          reg.fold = map;
          arrived("t2s.js");
        },
        shard: (n, postings) => { reg.shards.set(n, postings); arrived(`b/${n}.js`); },
        chunk: (k, pages) => { reg.chunks.set(k, pages); arrived(`t/${k}.js`); }
      }
    };
  }

  /** Lower case that keeps every offset, so hits in it are hits in the original string. */
  function lower(text) {
    const low = text.toLowerCase();
    if (low.length === text.length) return low;
    return Array.from(text, c => { const l = c.toLowerCase(); return l.length === c.length ? l : c; }).join("");
  }

  /** Traditional characters to simplified ones (query only), then lower case. */
  function foldQuery(query, table) {
    if (!table) return lower(query);
    return lower(Array.from(query, c => table.get(c) || c).join(""));
  }

  function words(query) {
    return [...new Set(query.replace(/\u200b/g, "").split(/\s+/).filter(Boolean))];
  }

  /** The index keys of a word: its character pairs, or the character itself. */
  function keysOf(word) {
    const chars = Array.from(word);
    if (chars.length === 1) return chars;
    const keys = [];
    for (let i = 0; i + 1 < chars.length; i++) keys.push(chars[i] + chars[i + 1]);
    return [...new Set(keys)];
  }

  /** The keys a word's first chunk waits for: its first and last pair (or its only key). */
  function outerKeys(word) {
    const keys = keysOf(word);
    return keys.length <= 2 ? keys : [keys[0], keys[keys.length - 1]];
  }

  /** Same as search_index.shard_of. */
  function shardOf(key, shards) {
    const chars = Array.from(key);
    const first = chars[0].codePointAt(0), second = chars.length > 1 ? chars[1].codePointAt(0) : 0;
    return ((Math.imul(first, 2654435761 | 0) + second) >>> 0) % shards;
  }

  /** Same as search_index.decode_gaps. */
  function decodeGaps(code, meta) {
    const numbers = [];
    let value = 0, previous = -1;
    for (let i = 0; i < code.length; i++) {
      const c = code[i], more = meta.more.indexOf(c);
      if (more !== -1) value = value * 32 + more;
      else { previous += value * 32 + meta.tail.indexOf(c) + 1; numbers.push(previous); value = 0; }
    }
    return numbers;
  }

  function intersect(a, b) {
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  /** Index of the last element of sorted `list` that is <= value. */
  function floor(list, value) {
    let lo = 0, hi = list.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (list[mid] <= value) lo = mid; else hi = mid - 1; }
    return lo;
  }

  /** The chunks of shelf (document) `doc`. */
  function chunksOfShelf(doc, meta) {
    const first = meta.docs[doc][2];
    const end = doc + 1 < meta.docs.length ? meta.docs[doc + 1][2] : meta.pages;
    const out = [];
    for (let k = floor(meta.chunks, first); k < meta.chunks.length && meta.chunks[k] < end; k++) out.push(k);
    return out;
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  }

  /** Non-overlapping occurrences of `word` in `text`. */
  function count(text, word) {
    let n = 0;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) n++;
    return n;
  }

  /** `text` escaped, with every occurrence of the words marked. */
  function mark(text, folded, ws) {
    const ranges = [];
    for (const w of ws)
      for (let at = folded.indexOf(w); at !== -1; at = folded.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
    ranges.sort((a, b) => a[0] - b[0]);
    let html = "", cursor = 0;
    for (const [start, end] of ranges) {
      if (end <= cursor) continue;
      const from = Math.max(start, cursor);
      html += escapeHTML(text.slice(cursor, from)) + "<mark>" + escapeHTML(text.slice(from, end)) + "</mark>";
      cursor = end;
    }
    return html + escapeHTML(text.slice(cursor));
  }

  /** Up to two paragraphs that hold a word, each cut around its first hit, marked. */
  function snippet(text, ws) {
    const parts = [];
    for (const block of text.split("\n")) {
      const folded = lower(block);
      const first = Math.min(...ws.map(w => folded.indexOf(w)).filter(at => at !== -1));
      if (first === Infinity) continue;
      const start = Math.max(0, Math.min(first - LEAD, block.length - SNIPPET));
      const end = Math.min(block.length, start + SNIPPET);
      parts.push((start > 0 ? "…" : "") + mark(block.slice(start, end), folded.slice(start, end), ws)
        + (end < block.length ? "…" : ""));
      if (parts.length === 2) break;
    }
    return parts.join(" ");
  }

  /** Score of one entry [anchor, title, place, text], or 0 if a word is in neither title nor text. */
  function score(entry, ws, boost) {
    const title = lower(entry[1]), text = lower(entry[3]);
    let inTitle = 0, hits = 0;
    for (const w of ws) {
      const t = count(title, w), x = count(text, w);
      if (t + x === 0) return 0;
      if (t) inTitle++;
      hits += t + x;
    }
    return boost * (TITLE * inTitle + Math.min(hits, TITLE - 1));
  }

  /**
   * An engine over one index.  `load(path)` loads search/<path> (a script that calls the
   * registry given to `engine`) and resolves when it has.
   */
  function engine(load, reg) {
    const files = new Map();
    // A file is there as soon as it has registered itself; its load event comes in a later task,
    // which a busy page may run only after other scripts.  The load settles it too (and errors).
    const once = path => {
      if (!files.has(path)) {
        const registered = new Promise(resolve => reg.waiting.set(path, resolve));
        files.set(path, Promise.race([registered, load(path)]));
      }
      return files.get(path);
    };
    let started = null;

    function ready() {
      if (!started) started = Promise.all([once("meta.js"), once("t2s.js")]);
      return started;
    }

    async function shard(n) { await once(`b/${n}.js`); return reg.shards.get(n); }
    async function chunk(k) { await once(`t/${k}.js`); return reg.chunks.get(k); }

    /**
     * Candidate chunks of one word (ascending) and those whose headings hold it, from the lists of
     * `keys` (some or all of the word's keys: fewer keys give more candidates, never fewer).
     */
    async function candidates(word, keys) {
      const meta = reg.meta;
      const postings = await Promise.all(keys.map(async key => (await shard(shardOf(key, meta.shards)))[key]));
      if (postings.some(p => p === undefined)) return { chunks: [], titled: new Set() };
      const text = postings.map(p => decodeGaps(typeof p === "string" ? p : p[0], meta));
      const titles = postings.map(p => (typeof p === "string" ? null : decodeGaps(p[1], meta)));
      let chunks;
      if (keys.length === 1 && Array.from(word).length === 1) {
        // A single character is listed per document: every chunk of those documents.
        chunks = text[0].flatMap(doc => chunksOfShelf(doc, meta));
      } else {
        chunks = text.reduce(intersect);
      }
      const titled = titles.some(t => t === null) ? new Set() : new Set(titles.reduce(intersect));
      return { chunks, titled };
    }

    /** Shelf number of a page. */
    function shelfOf(page) {
      const docs = reg.meta.docs;
      let lo = 0, hi = docs.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (docs[mid][2] <= page) lo = mid; else hi = mid - 1; }
      return lo;
    }

    /** The pages of chunk k that hold every word in one entry, with their hits. */
    async function check(k, ws) {
      const pages = await chunk(k), first = reg.meta.chunks[k], found = [];
      pages.forEach(([url, boost, entries], i) => {
        const hits = [];
        for (const entry of entries) {
          const value = score(entry, ws, boost);
          if (value) hits.push({ entry, value });
        }
        if (!hits.length) return;
        hits.sort((a, b) => b.value - a.value);
        const doc = reg.meta.docs[shelfOf(first + i)];
        found.push({
          number: first + i, url, score: hits[0].value, doc: { short: doc[0], year: doc[1] },
          hits: hits.map(({ entry, value }) => ({
            anchor: entry[0], place: entry[2], score: value,
            title: mark(entry[1], lower(entry[1]), ws), text: snippet(entry[3], ws)
          }))
        });
      });
      return found;
    }

    /**
     * Search.  Resolves {query, words, pages: [{url, doc, score, hits}], more} with at most
     * `limit` pages, best first; `more` when further pages may hold the words.
     */
    async function search(query, limit = PAGE_LIMIT, partial = null) {
      await ready();
      const typed = words(query);
      const folded = [...new Set(typed.map(w => foldQuery(w, reg.fold)))];
      const early = partial && (result => partial({ query, ...result }));
      let result = await searchWords(folded, limit, early);
      const plain = [...new Set(typed.map(lower))];
      if (!result.pages.length && plain.join(" ") !== folded.join(" ")) result = await searchWords(plain, limit, early);
      return { query, ...result };
    }

    /**
     * `partial`, if given, gets the pages found so far each time a chunk has been checked.
     *
     * What a reader waits for is script loads, one after the other: the shards, then a chunk.  On
     * a busy machine each load in flight slows the others down (the first of twenty chunks arrives
     * four times later than one alone), so the first chunk is chosen from the shards of the first
     * and the last pair of every word (these alone narrow the candidates almost as well as all the
     * pairs) and loads alone, its hits shown as soon as it is checked; the shards of the middle
     * pairs load meanwhile and narrow the rest, checked as before: all of them up to CHECK_ALL
     * (the ranking is exact), beyond that in batches until a screenful of pages is found.
     */
    async function searchWords(ws, limit, partial) {
      if (!ws.length) return { words: ws, pages: [], more: false };
      const outer = await Promise.all(ws.map(w => candidates(w, outerKeys(w))));
      const pages = [];
      const rank = () => [...pages].sort((a, b) => b.score - a.score || a.number - b.number);
      const collect = found => {
        pages.push(...found);
        if (partial && found.length) partial({ words: ws, pages: rank().slice(0, limit), more: true, partial: true });
      };
      const first = ordered(outer)[0];
      const firstChecked = first === undefined ? null : check(first, ws).then(collect);
      const per = ws.some(w => outerKeys(w).length < keysOf(w).length)
        ? await Promise.all(ws.map(w => candidates(w, keysOf(w)))) : outer;
      await firstChecked;
      const queue = ordered(per), all = queue.length <= CHECK_ALL;
      const order = queue.filter(k => k !== first);
      // The first chunk, if a candidate, was the start of the first batch.
      let next = 0, room = BATCH - (queue.length - order.length);
      while (next < order.length && (all || pages.length < limit)) {
        const batch = order.slice(next, next + (all ? order.length : room));
        next += batch.length;
        room = BATCH;
        await Promise.all(batch.map(k => check(k, ws).then(collect)));
      }
      const ranked = rank();
      return { words: ws, pages: ranked.slice(0, limit), more: ranked.length > limit || next < order.length };
    }

    /** Candidate chunks in the order they are checked: where more headings hold words first, glossary last. */
    function ordered(per) {
      const chunks = per.map(p => p.chunks).reduce(intersect);
      if (chunks.length <= CHECK_ALL) return chunks;
      const last = reg.meta.docs[reg.meta.docs.length - 1];
      const glossary = last[0] === "术语表" ? last[2] : Infinity;  // its first page
      const priority = new Map(chunks.map(k => [k,
        reg.meta.chunks[k] >= glossary ? 0 : per.reduce((n, p) => n + p.titled.has(k), 0)]));
      return [...chunks].sort((a, b) => priority.get(b) - priority.get(a));  // stable: equal priority keeps library order
    }

    return { ready, search };
  }

  const core = { registry, engine, lower, foldQuery, words, keysOf, shardOf, decodeGaps, snippet, mark, score };
  if (typeof module !== "undefined" && module.exports) module.exports = core;
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------------------------------
  // The page: Material's search box and result list (overrides/partials/search.html).

  /**
   * Material's search box and result list, built inside the dialog of overrides/partials/search.html
   * from its words (data-*) and icons (<template>: search, back, reset), as Material's partial writes
   * them.  Built when this script runs, at the end of the body, so before the page is first shown.
   */
  /**
   * The words of the box: Material's Chinese translations (partials/languages/zh.html) and ours.  The site
   * is in Chinese; a data-<key> attribute on the dialog overrides a word (overrides/partials/search.html).
   */
  const WORDS = {
    input: "搜索", reset: "清空当前内容", initializer: "正在初始化搜索引擎", placeholder: "键入以开始搜索",
    none: "没有找到符合条件的结果", one: "找到 1 个符合条件的结果", other: "# 个符合条件的结果",
    more: "显示更多结果", searching: "正在查找……",
  };
  const word = (box, key) => box.getAttribute(`data-${key}`) || WORDS[key] || "";

  function buildBox(box) {
    if (box.querySelector("form")) return;
    const esc = s => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    const say = key => esc(word(box, key));
    const template = box.querySelector("template");
    const icons = template ? [...template.content.children].map(icon => icon.outerHTML) : [];
    box.innerHTML =
      '<label class="md-search__overlay" for="__search"></label>' +
      '<div class="md-search__inner" role="search">' +
      '<form class="md-search__form" name="study-search">' +
      `<input type="text" class="md-search__input" name="query" aria-label="${say("input")}" placeholder="${say("input")}"` +
      ' autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" aria-controls="study-search-results" required>' +
      `<label class="md-search__icon md-icon" for="__search">${icons[0] || ""}${icons[1] || ""}</label>` +
      `<nav class="md-search__options" aria-label="${esc(box.getAttribute("aria-label") || "")}">` +
      `<button type="reset" class="md-search__icon md-icon" title="${say("reset")}" aria-label="${say("reset")}" tabindex="-1">${icons[2] || ""}</button>` +
      "</nav></form>" +
      '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>' +
      `<div class="md-search-result"><div class="md-search-result__meta" aria-live="polite">${say("initializer")}</div>` +
      '<ol class="md-search-result__list" id="study-search-results"></ol></div></div></div></div>';
  }
  document.querySelectorAll("[data-study-search]").forEach(buildBox);

  const script = document.currentScript;
  const siteBase = new URL("../", script.src);  // this file is assets/search.js
  const indexBase = new URL("search/", siteBase);
  const reg = registry();
  root.__studySearch = reg.api;

  function loadScript(path) {
    return new Promise((resolve, reject) => {
      const el = document.createElement("script");
      el.src = new URL(path, indexBase).href;
      el.async = true;
      el.onload = () => resolve();
      el.onerror = () => reject(new Error(`search: cannot load ${el.src}`));
      document.head.appendChild(el);
    });
  }

  const search = engine(loadScript, reg.data);

  function setup() {
    const box = document.querySelector("[data-study-search]");
    if (!box) return;
    const input = box.querySelector("input.md-search__input");
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const toggle = document.getElementById("__search");
    const say = key => word(box, key);
    let shown = "", limit = PAGE_LIMIT, sequence = 0, composing = false;

    const open = () => {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      search.ready().then(() => {
        if (root.__studySearchReady === undefined) {
          root.__studySearchReady = performance.now();
          document.dispatchEvent(new CustomEvent("study-search:ready"));
        }
        if (!input.value.trim()) meta.textContent = say("placeholder");
      });
    };
    const close = () => {
      if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
      input.blur();
    };

    function render(result) {
      list.innerHTML = "";
      // Which query the list shows, once complete (tests and the bench wait for it); the first
      // pages are shown as soon as their chunk is checked, the final list replaces them.
      if (result.partial) delete list.dataset.query;
      else list.dataset.query = result.query;
      const n = result.pages.length;
      meta.textContent = result.partial ? say("searching")
        : n === 0 ? say("none") : n === 1 ? say("one") : say("other").replace("#", result.more ? `${n}+` : n);
      const highlight = encodeURIComponent(result.words.join(" "));
      for (const page of result.pages) {
        const li = document.createElement("li");
        li.className = "md-search-result__item";
        const where = escapeHTML(page.doc.short + (page.doc.year && !page.doc.short.includes(page.doc.year) ? `（${page.doc.year}）` : ""));
        li.innerHTML = page.hits.map((hit, i) => {
          const href = new URL(`${page.url}?h=${highlight}${hit.anchor}`, siteBase).href;
          const heading = i === 0 ? "h1" : "h2";
          return `<a href="${escapeHTML(href)}" class="md-search-result__link" tabindex="-1">`
            + `<article class="md-search-result__article${i === 0 ? " md-search-result__article--document" : ""} md-typeset">`
            + (i === 0 ? `<div class="md-search-result__icon md-icon"></div>` : "")
            + `<${heading}>${hit.title}</${heading}>`
            + `<p class="study-search__where">${where} · ${escapeHTML(hit.place)}</p>`
            + (hit.text ? `<p>${hit.text}</p>` : "")
            + `</article></a>`;
        }).join("");
        list.appendChild(li);
      }
      if (result.more && !result.partial) {
        const li = document.createElement("li");
        li.className = "md-search-result__item study-search__more";
        li.innerHTML = `<button type="button" class="md-search-result__more md-button">${escapeHTML(say("more"))}</button>`;
        li.querySelector("button").addEventListener("click", () => { limit += PAGE_LIMIT; run(true); });
        list.appendChild(li);
      }
    }

    function run(force) {
      const query = input.value;
      if (!force && query === shown) return;
      if (!force) limit = PAGE_LIMIT;
      shown = query;
      const mine = ++sequence;
      if (!query.trim()) { list.innerHTML = ""; list.dataset.query = query; meta.textContent = say("placeholder"); return; }
      const early = result => { if (mine === sequence) render(result); };
      search.search(query, limit, early).then(result => { if (mine === sequence) render(result); }, error => {
        if (mine === sequence) meta.textContent = String(error.message || error);
      });
    }

    input.addEventListener("focus", open);
    // input covers typing, pasting with the mouse and dropping text; keyup covers scripts that set the value.
    input.addEventListener("compositionstart", () => { composing = true; });
    input.addEventListener("compositionend", () => { composing = false; run(); });
    input.addEventListener("input", () => { if (!composing) run(); });
    input.addEventListener("keyup", () => { if (!composing) run(); });
    box.querySelector("form").addEventListener("submit", event => event.preventDefault());
    box.querySelector("form").addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }));
    if (toggle) toggle.addEventListener("change", () => { if (toggle.checked && document.activeElement !== input) input.focus(); });

    const links = () => [...list.querySelectorAll("a.md-search-result__link, button.md-search-result__more")];
    box.addEventListener("keydown", event => {
      const all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "Escape") { event.preventDefault(); close(); return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        const target = at === -1 ? (step === 1 ? 0 : all.length - 1) : at + step;
        if (target < 0) { input.focus(); return; }
        all[Math.min(target, all.length - 1)].focus();
        return;
      }
      if (event.key === "Enter" && document.activeElement === input && all.length) {
        event.preventDefault();
        all[0].click();
      }
    });
    list.addEventListener("click", event => { if (event.target.closest("a")) close(); });
    // "/", "s" or "f" anywhere but in a field opens the search, as Material's own did.
    document.addEventListener("keydown", event => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const active = document.activeElement;
      if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    highlightPage();
  }

  /** The words of a result link (?h=) marked on the page it opens. */
  function highlightPage() {
    const words = new URL(location.href).searchParams.get("h");
    const article = document.querySelector("article.md-content__inner");
    if (!words || !article) return;
    const ws = core.words(words);
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    let marked = 0;
    for (const node of nodes) {
      if (marked > 200) break;
      const folded = lower(node.data);
      if (!ws.some(w => folded.includes(w))) continue;
      const span = document.createElement("span");
      span.innerHTML = mark(node.data, folded, ws);
      marked += span.querySelectorAll("mark").length;
      node.replaceWith(...span.childNodes);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})(typeof window !== "undefined" ? window : globalThis);

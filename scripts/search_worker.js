/*
 * Chinese substring search behind Material for MkDocs 9.8's own search box.
 *
 * scripts/material_search.py writes this file over Material's lunr worker
 * (site/assets/javascripts/workers/search.<hash>.min.js), the path the page's
 * __config names, so Material's UI (box, result list, ?h= highlighting) stays
 * and only the search behind it changes.  It speaks Material's worker protocol
 * (integrations/search/worker/message): SETUP {config, docs, options} ->
 * READY; QUERY "text" -> RESULT {items: SearchItem[][]}, one array per page,
 * the page's own entry (location without "#") among them.
 *
 * Why no index: lunr rebuilds its index from the docs on every page load (on
 * file:// in the page's main thread, through the iframe-worker shim): seconds
 * at 100 documents.  A scan of the docs for substrings needs no index and
 * finds any string that occurs in the text, in the middle of a word too.
 *
 * Semantics: the query is split on whitespace; every word must occur in one
 * entry (title or text), Latin letters case-insensitively.  Ranking: entries
 * whose title holds words first, then by occurrences, times the page's
 * `search.boost` (0.01 on term and aid pages); pages by their best entry.
 *
 * Runs as a Web Worker or, on file://, inside the iframe-worker shim (which
 * provides postMessage and addEventListener in an iframe).  No network.
 */
"use strict";

(() => {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  /** At most this many pages in a result, best first. */
  const MAX_PAGES = 20;
  /** A word in the title is worth more than any number of hits in the text (capped below it). */
  const TITLE = 10;
  /** Characters of a text block shown around the first hit, and before it. */
  const SNIPPET = 120, LEAD = 30;

  const TAG = /<[^>]*>/g;
  const ENTITY = /&(amp|lt|gt|quot|#39|#x27);/g;
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

  /** Entries as prepared by setup(), in index order. */
  let entries = [];
  /** Page location -> index of its own entry (location without "#"). */
  let articles = new Map();

  /** Index HTML -> plain text; block elements (p, li, ...) become line breaks. */
  function plain(html) {
    return html.replace(TAG, "\n").replace(ENTITY, (_, name) => ENTITIES[name]).replace(/\u200b/g, "");
  }

  /** Lower case that keeps every offset, so hits in it are hits in the original string. */
  function fold(text) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) return lower;
    return Array.from(text, c => { const l = c.toLowerCase(); return l.length === c.length ? l : c }).join("");
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  }

  function setup({ docs }) {
    entries = docs.map(doc => {
      const title = plain(doc.title || "").trim();
      const text = plain(doc.text || "");
      return {
        location: doc.location,
        page: doc.location.split("#")[0],
        title, text,
        titleFold: fold(title), textFold: fold(text),
        boost: typeof doc.boost === "number" ? doc.boost : 1
      };
    });
    articles = new Map();
    entries.forEach((entry, i) => {
      if (entry.location === entry.page && !articles.has(entry.page)) articles.set(entry.page, i);
    });
  }

  /** Non-overlapping occurrences of `word` in `text`. */
  function count(text, word) {
    let n = 0;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) n++;
    return n;
  }

  /** Score of one entry, or 0 if some word is in neither its title nor its text. */
  function score(entry, words) {
    let inTitle = 0, hits = 0;
    for (const word of words) {
      const t = count(entry.titleFold, word), x = count(entry.textFold, word);
      if (t + x === 0) return 0;
      if (t) inTitle++;
      hits += t + x;
    }
    return entry.boost * (TITLE * inTitle + Math.min(hits, TITLE - 1));
  }

  /** `text` escaped, with every occurrence of the words marked. */
  function mark(text, folded, words) {
    const ranges = [];
    for (const word of words)
      for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length))
        ranges.push([at, at + word.length]);
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

  /** Up to two text blocks that hold a word, each cut around its first hit, marked. */
  function snippet(entry, words) {
    const parts = [];
    let offset = 0;
    for (const block of entry.text.split("\n")) {
      const folded = entry.textFold.slice(offset, offset + block.length);
      offset += block.length + 1;
      const first = Math.min(...words.map(w => folded.indexOf(w)).filter(at => at !== -1));
      if (first === Infinity) continue;
      const start = Math.max(0, Math.min(first - LEAD, block.length - SNIPPET));
      const end = Math.min(block.length, start + SNIPPET);
      parts.push((start > 0 ? "…" : "") + mark(block.slice(start, end), folded.slice(start, end), words)
        + (end < block.length ? "…" : ""));
      if (parts.length === 2) break;
    }
    return parts.join(" ");
  }

  function item(i, value, words, terms) {
    const entry = entries[i];
    return {
      location: entry.location,
      title: mark(entry.title, entry.titleFold, words),
      text: snippet(entry, words),
      score: value,
      terms
    };
  }

  function search(query) {
    const typed = [...new Set(query.replace(/\u200b/g, "").split(/\s+/).filter(Boolean))];
    const words = typed.map(fold);
    if (!words.length) return { items: [] };
    // Every word is found (AND), so each is reported as matched: Material
    // builds the ?h= highlight of the result links from these.
    const terms = Object.fromEntries(typed.map(word => [word, true]));

    const pages = new Map();
    entries.forEach((entry, i) => {
      const value = score(entry, words);
      if (value === 0) return;
      let page = pages.get(entry.page);
      if (!page) pages.set(entry.page, page = { best: 0, hits: [] });
      page.best = Math.max(page.best, value);
      page.hits.push([i, value]);
    });

    // Map keeps index order, and sort is stable: equal scores stay in index order.
    const ranked = [...pages.entries()].sort((a, b) => b[1].best - a[1].best).slice(0, MAX_PAGES);
    return {
      items: ranked.map(([location, { hits }]) => {
        hits.sort((a, b) => b[1] - a[1]);
        const group = hits.map(([i, value]) => item(i, value, words, terms));
        // Material's result list needs the page's own entry in every group.
        const article = articles.get(location);
        if (article !== undefined && !hits.some(([i]) => i === article)) group.push(item(article, 0, words, terms));
        return group;
      })
    };
  }

  function handle(message) {
    switch (message.type) {
      case SETUP:
        setup(message.data);
        return { type: READY };
      case QUERY:
        return { type: RESULT, data: search(message.data) };
      default:
        throw new TypeError(`search worker: unknown message type ${message.type}`);
    }
  }

  addEventListener("message", event => postMessage(handle(event.data)));
})();

/* Reading aids: a term's definition in place on touch screens, and one-line citation boxes.
 *
 * 1. Terms.  On a screen with a mouse, Material's tooltips show a term's short
 *    definition on hover (the link's title).  A phone has no hover: a tap would
 *    leave the text for the term page.  Here a tap (a pointer of type "touch")
 *    opens a small popover beside the term instead: the definition and a link to
 *    the term page.  Tap elsewhere, the close button or Escape closes it, and
 *    focus returns to the term.  A mouse click and the keyboard (Enter) still
 *    follow the link; keyboard users see the definition as Material's tooltip
 *    when the term has focus.
 * 2. Citation boxes (.cite) take one line until opened: a toggle button is added
 *    to each, so the page's HTML stays as the generator wrote it.
 * 3. Titles written once.  The generator writes a term's definition only on its
 *    first link on the page, and the redaction note only on the first redaction
 *    mark (markup.titles_once: they were a quarter of the weight of the text).
 *    Every later one gets the same title here, as soon as the script runs, which
 *    is before Material mounts its tooltips (on DOMContentLoaded).
 * 4. Related reading.  A shared term in the list of related requirements is one of
 *    本条术语, linked just above it: the generator writes it as an <a> without an
 *    address, and it gets the address of the link of the same text above here.
 *
 * No dependencies, no requests: works from file://.
 */
(function () {
  "use strict";

  var popover = null;
  var opener = null;
  var lastPointer = "";

  function definitionOf(link) {
    // Material's tooltips may take the title off while they show it: keep a copy.
    if (!link.hasAttribute("data-def")) {
      link.setAttribute("data-def", link.getAttribute("title") || "");
    }
    return link.getAttribute("data-def");
  }

  function closePopover(restoreFocus) {
    if (!popover) return;
    popover.parentNode.removeChild(popover);
    popover = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (restoreFocus) opener.focus();
    }
    opener = null;
  }

  function openPopover(link) {
    closePopover(false);
    var text = definitionOf(link);
    var colon = text.indexOf("：");
    var term = link.textContent;
    var body = colon >= 0 && text.slice(0, colon) === term ? text.slice(colon + 1) : text;

    popover = document.createElement("div");
    popover.className = "term-pop";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "术语释义：" + term);
    popover.id = "term-pop";

    var title = document.createElement("strong");
    title.className = "term-pop__term";
    title.textContent = term;
    var definition = document.createElement("p");
    definition.className = "term-pop__def";
    definition.textContent = body;
    var more = document.createElement("a");
    more.className = "term-pop__more";
    more.href = link.href;
    more.textContent = "术语页：释义和全部出处";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "term-pop__close";
    close.setAttribute("aria-label", "关闭");
    close.textContent = "×";
    close.addEventListener("click", function () { closePopover(true); });

    popover.appendChild(close);
    popover.appendChild(title);
    popover.appendChild(definition);
    popover.appendChild(more);
    document.body.appendChild(popover);

    // Below the term, inside the viewport.
    var box = link.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    popover.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + "px";
    popover.style.top = (box.bottom + window.scrollY + 6) + "px";

    opener = link;
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", "term-pop");
    more.focus({ preventScroll: true });
  }

  function isTerm(node) {
    return node && node.closest && node.closest(".verbatim a.term, .fulltext a.term");
  }

  function setUpTerms() {
    var links = document.querySelectorAll(".verbatim a.term, .fulltext a.term");
    for (var i = 0; i < links.length; i++) definitionOf(links[i]);

    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "";
      if (popover && !popover.contains(event.target) && !isTerm(event.target)) closePopover(false);
    }, true);

    document.addEventListener("click", function (event) {
      var link = isTerm(event.target);
      if (!link || lastPointer !== "touch") return;
      event.preventDefault();
      if (opener === link) closePopover(false);
      else openPopover(link);
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popover) closePopover(true);
    });
  }

  function setUpCitations() {
    var boxes = document.querySelectorAll("div.cite");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.querySelector(".cite-toggle")) continue;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "cite-toggle";
      toggle.setAttribute("aria-expanded", "false");
      toggle.title = "展开引文和链接";
      toggle.textContent = "展开";
      toggle.addEventListener("click", function (event) {
        var button = event.currentTarget;
        var open = button.parentNode.classList.toggle("cite--open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? "收起" : "展开";
        button.title = open ? "收起" : "展开引文和链接";
      });
      box.appendChild(toggle);
      box.classList.add("cite--folding");
    }
  }

  /** The title of the first term link to the same page (or of the first redaction mark) on the rest. */
  function restoreTitles() {
    var first = {};
    var marks = document.querySelectorAll("a.term[href], span.redacted");
    var i, key;
    for (i = 0; i < marks.length; i++) {
      key = marks[i].tagName === "A" ? "a " + marks[i].getAttribute("href") : "redacted";
      if (marks[i].hasAttribute("title") && !(key in first)) first[key] = marks[i].getAttribute("title");
    }
    for (i = 0; i < marks.length; i++) {
      key = marks[i].tagName === "A" ? "a " + marks[i].getAttribute("href") : "redacted";
      if (!marks[i].hasAttribute("title") && key in first) marks[i].setAttribute("title", first[key]);
    }
  }

  /** Each shared term of the related reading (a without href) gets the address of 本条术语's link. */
  function relatedTermLinks() {
    var heading = document.getElementById("related");
    if (!heading) return;
    var byText = {};
    var el, links, i, href;
    for (el = heading.nextElementSibling; el && !/^H[12]$/.test(el.tagName); el = el.nextElementSibling) {
      links = el.querySelectorAll("a[href]");
      for (i = 0; i < links.length; i++) byText[links[i].textContent] = links[i].getAttribute("href");
    }
    for (el = heading.nextElementSibling; el && !/^H[12]$/.test(el.tagName); el = el.nextElementSibling) {
      links = el.querySelectorAll("a:not([href])");
      for (i = 0; i < links.length; i++) {
        href = byText[links[i].textContent];
        if (href) links[i].setAttribute("href", href);
      }
    }
  }

  // The script runs at the end of the body: the page is there, Material's tooltips are not yet.
  relatedTermLinks();
  restoreTitles();

  function setUp() {
    setUpTerms();
    setUpCitations();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

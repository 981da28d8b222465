/* "Cite this": copy a citation and its link.  No dependencies, works from file://.
 *
 * Each .cite element carries data-cite (the Chinese citation) and either
 * data-url (absolute, when site_url is set) or an a.cite-link whose href the
 * browser resolves against the page: a file:// or http(s):// address that works
 * where the reader is.  The Clipboard API needs a secure context and may be
 * refused for file:// pages, so a hidden textarea with execCommand('copy') is
 * the fallback.
 */
(function () {
  "use strict";

  function citationOf(box) {
    var url = box.getAttribute("data-url");
    if (!url) {
      var anchor = box.querySelector("a.cite-link");
      url = anchor ? anchor.href : window.location.href;
    }
    return box.getAttribute("data-cite") + "。链接：" + url;
  }

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

  function report(button, ok, text) {
    button.setAttribute("data-copied", ok ? text : "");
    button.textContent = ok ? "已复制" : "复制失败，请手动选择";
    window.setTimeout(function () {
      button.textContent = "复制";
    }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".cite-copy") : null;
    if (!button) return;
    var box = button.closest(".cite");
    if (!box) return;
    var text = citationOf(box);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { report(button, true, text); },
        function () { report(button, copyWithTextarea(text), text); }
      );
    } else {
      report(button, copyWithTextarea(text), text);
    }
  });
})();

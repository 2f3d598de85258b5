// A small rich-text editor for <textarea data-rich-text>: bold, italics,
// underline, lists. The server sanitises whatever arrives (nh3); this side
// only keeps the same tags so what the writer sees is what is stored.
(function () {
  "use strict";
  var ALLOWED = ["P", "BR", "STRONG", "B", "EM", "I", "U", "UL", "OL", "LI", "H3", "H4",
    "BLOCKQUOTE", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "DIV"];

  function clean(node, into) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(document.createTextNode(child.textContent));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (ALLOWED.indexOf(child.tagName) >= 0) {
          var tag = child.tagName === "DIV" ? "P" : child.tagName;
          var copy = document.createElement(tag);
          clean(child, copy);
          into.appendChild(copy);
        } else if (["SCRIPT", "STYLE", "IFRAME", "OBJECT"].indexOf(child.tagName) < 0) {
          clean(child, into);
        }
      }
    });
  }

  function toHtml(text) {
    if (/<\s*\/?\s*[a-zA-Z][^>]*>/.test(text)) { return text; }
    return text.split(/\r?\n/).filter(function (line) { return line.trim(); })
      .map(function (line) {
        var p = document.createElement("p");
        p.textContent = line;
        return p.outerHTML;
      }).join("");
  }

  function load(editor, html) {
    var parsed = new DOMParser().parseFromString(toHtml(html), "text/html");
    editor.replaceChildren();
    clean(parsed.body, editor);
  }

  function button(label, title, command, value) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-secondary";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", function () {
      document.execCommand(command, false, value || null);
    });
    return b;
  }

  function enhance(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "rich-text border rounded bg-white";
    var toolbar = document.createElement("div");
    toolbar.className = "btn-toolbar gap-1 p-1 border-bottom bg-light";
    var labels = textarea.dataset;
    toolbar.append(
      button("B", labels.boldLabel || "Bold", "bold"),
      button("I", labels.italicLabel || "Italic", "italic"),
      button("U", labels.underlineLabel || "Underline", "underline"),
      button("•", labels.bulletsLabel || "List", "insertUnorderedList"),
      button("1.", labels.numbersLabel || "Numbered list", "insertOrderedList")
    );
    var editor = document.createElement("div");
    editor.className = "rich-text-body p-2";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var label = document.querySelector("label[for='" + textarea.id + "']");
    editor.setAttribute("aria-label", label ? label.textContent.replace("*", "").trim() : "");
    editor.dataset.testid = "rich-text";
    load(editor, textarea.value);
    wrapper.append(toolbar, editor);
    textarea.classList.add("d-none");
    textarea.after(wrapper);
    document.execCommand("defaultParagraphSeparator", false, "p");
    textarea.form.addEventListener("submit", function () {
      textarea.value = editor.innerHTML;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  });
})();

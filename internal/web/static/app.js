// Ally's keyboard shortcuts. Every page works without this file; it only
// saves keystrokes:
//   /  focuses the page's search box (one inside <main> first, else the header's)
//   n  follows the page's "add" link, marked <a data-shortcut="add">
// Neither fires while the user types in a field or holds a modifier key.
// A button with data-copy="ID" (hidden until this file shows it) copies
// that field's text, and says so in the element data-copy-status names.
// A form with data-busy="Uploading…" says so in its .busy element once
// sent, and its button cannot send it twice.
(function () {
	"use strict";

	function typing(el) {
		if (!el || !el.tagName) return false;
		var tag = el.tagName;
		return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
	}

	document.querySelectorAll("button[data-copy]").forEach(function (b) {
		var src = document.getElementById(b.dataset.copy);
		var status = document.getElementById(b.dataset.copyStatus || "");
		if (!src) return;
		b.hidden = false;
		b.addEventListener("click", function () {
			// The clipboard API needs a secure context (https or localhost);
			// elsewhere selecting the text and copying still works.
			var done = navigator.clipboard ? navigator.clipboard.writeText(src.value) :
				new Promise(function (ok, fail) { src.select(); (document.execCommand("copy") ? ok : fail)(); });
			done.then(function () {
				if (status) status.textContent = "Copied.";
			}, function () {
				if (status) status.textContent = "Could not copy; select the text and copy it yourself.";
			});
		});
	});

	document.querySelectorAll("form[data-busy]").forEach(function (f) {
		f.addEventListener("submit", function (e) {
			if (f.dataset.sent) {
				e.preventDefault();
				return;
			}
			f.dataset.sent = "1";
			var status = f.querySelector(".busy");
			if (status) status.textContent = f.dataset.busy;
			f.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
		});
	});
	// A page restored from the back-forward cache can be sent again.
	window.addEventListener("pageshow", function () {
		document.querySelectorAll("form[data-busy]").forEach(function (f) {
			delete f.dataset.sent;
			var status = f.querySelector(".busy");
			if (status) status.textContent = "";
			f.querySelectorAll("button[aria-disabled]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
		});
	});

	document.addEventListener("keydown", function (e) {
		if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
		if (e.key === "/") {
			var box = document.querySelector('main input[type="search"]') ||
				document.querySelector('input[type="search"]');
			if (box) {
				e.preventDefault();
				box.focus();
				box.select();
			}
		} else if (e.key === "n") {
			var add = document.querySelector('a[data-shortcut="add"]');
			if (add) {
				e.preventDefault();
				add.click();
			}
		}
	});
})();

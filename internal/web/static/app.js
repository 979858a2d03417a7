// Ally's keyboard shortcuts. Every page works without this file; it only
// saves keystrokes:
//   /  focuses the page's search box (one inside <main> first, else the header's)
//   n  follows the page's "add" link, marked <a data-shortcut="add">
// Neither fires while the user types in a field or holds a modifier key.
(function () {
	"use strict";

	function typing(el) {
		if (!el || !el.tagName) return false;
		var tag = el.tagName;
		return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
	}

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

// Conversation mode (templates/live.html). The page works without this
// file; it adds:
//
//   - quick notes saved as they are typed: htmx posts a note's form after a
//     pause. Text the server has not confirmed stays in the page and in
//     localStorage, the status says "saving…", "saved" or "offline — will
//     retry", and a failed save is tried again, later each time, with a Rev
//     that grows on every try (the server ignores an older Rev arriving
//     late), until the server confirms. A reload sends what was kept.
//   - a timer against the minutes asked: amber 5 minutes before the end,
//     red at the end. It counts from the meeting time until the user starts
//     it by hand; the start is kept in localStorage.
//   - capture forms retried the same way (their client key makes a repeated
//     post add nothing), and End, which first sends the notes not yet saved.
(function () {
	"use strict";

	var root = document.querySelector("[data-live]");
	if (!root) return;
	var prefix = "ally.live." + root.getAttribute("data-live") + ".";

	// The server's clock is the one that counts: the meeting time and "now"
	// come from it, whatever the phone's clock says.
	var skew = 0;
	var served = Date.parse(root.getAttribute("data-now") || "");
	if (!isNaN(served)) skew = served - Date.now();
	// The browser tests stop time in the page: they set window.allyTestNow
	// (milliseconds since 1970) before this script runs and move it on, so
	// that no check depends on how fast the machine is. Nothing else sets
	// it: without it the page counts real time.
	function now() {
		if (typeof window.allyTestNow === "number") return window.allyTestNow;
		return Date.now() + skew;
	}

	var storage = null;
	try {
		storage = window.localStorage;
		storage.setItem(prefix + "probe", "1");
		storage.removeItem(prefix + "probe");
	} catch (e) {
		storage = null;
	}
	function load(key) {
		if (!storage) return null;
		try { return JSON.parse(storage.getItem(key)); } catch (e) { return null; }
	}
	function keep(key, value) {
		if (!storage) return;
		try { storage.setItem(key, JSON.stringify(value)); } catch (e) { /* full: the page still holds it */ }
	}
	function forget(key) {
		if (!storage) return;
		try { storage.removeItem(key); } catch (e) { /* nothing to do */ }
	}
	function each(list, fn) { Array.prototype.forEach.call(list, fn); }
	function backoff(tries) { return Math.min(10000, 1000 * Math.pow(2, tries)); }

	// The timer.
	function setupTimer(el) {
		var minutes = Number(el.getAttribute("data-minutes")) || 0;
		var meeting = Date.parse(el.getAttribute("data-start") || "");
		var key = prefix + "start";
		var clock = document.createElement("p");
		clock.className = "timer-clock";
		clock.setAttribute("role", "timer");
		var msg = document.createElement("p");
		msg.className = "timer-msg";
		msg.setAttribute("aria-live", "polite");
		var button = document.createElement("button");
		button.type = "button";
		button.className = "secondary timer-start";
		el.classList.add("is-live");
		el.appendChild(clock);
		el.appendChild(msg);
		el.appendChild(button);
		var phase = "";
		function own() {
			var s = load(key);
			return typeof s === "number" ? s : null;
		}
		function start() {
			var s = own();
			if (s !== null) return s;
			return isNaN(meeting) ? null : meeting;
		}
		function mmss(ms) {
			var s = Math.floor(Math.abs(ms) / 1000);
			var m = Math.floor(s / 60);
			s %= 60;
			return m + ":" + (s < 10 ? "0" : "") + s;
		}
		function tick() {
			var s = start(), p = "ok", text, say = "";
			if (s === null) {
				p = "idle";
				text = minutes + " minutes asked";
			} else {
				var elapsed = now() - s, left = minutes * 60000 - elapsed;
				if (elapsed < 0) {
					p = "idle";
					text = "Starts in " + mmss(-elapsed);
				} else if (left <= 0) {
					p = "red";
					text = mmss(-left) + " over the " + minutes + " minutes";
					say = "Time is up: stay within the time you asked.";
				} else if (left <= 5 * 60000) {
					p = "amber";
					text = mmss(left) + " left";
					say = "Less than 5 minutes left: ask who else you should talk to, then close.";
				} else {
					text = mmss(left) + " left of " + minutes + " minutes";
				}
			}
			clock.textContent = text;
			button.textContent = own() === null ? "Start now" : "Restart from now";
			if (p !== phase) {
				phase = p;
				el.classList.toggle("is-amber", p === "amber");
				el.classList.toggle("is-red", p === "red");
				msg.textContent = say;
			}
		}
		// The static line says when the time ends; a start by hand moves it.
		var startClock = el.querySelector("[data-start-clock]");
		var endClock = el.querySelector("[data-end-clock]");
		var zone = el.getAttribute("data-zone") || undefined;
		function hhmm(ms) {
			try {
				return new Intl.DateTimeFormat("en-GB", {hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone}).format(new Date(ms));
			} catch (e) { // an unknown zone name: the browser's own
				return new Intl.DateTimeFormat("en-GB", {hour: "2-digit", minute: "2-digit", hour12: false}).format(new Date(ms));
			}
		}
		function showEnds() {
			var s = own();
			if (s === null || !endClock) return;
			var label = el.querySelector("[data-start-label]");
			if (label) label.textContent = "Started at";
			if (startClock) startClock.textContent = hhmm(s);
			endClock.textContent = hhmm(s + minutes * 60000);
		}
		button.addEventListener("click", function () {
			keep(key, now());
			showEnds();
			tick();
		});
		showEnds();
		tick();
		window.setInterval(tick, 1000);
	}

	// Quick notes.
	var notes = [];

	function setupNote(form) {
		var area = form.querySelector("textarea");
		var status = form.querySelector("[data-status]");
		var key = prefix + "note." + form.querySelector('input[name="question_id"]').value;
		var n = {
			rev: Number(form.getAttribute("data-rev")) || 0,
			confirmed: area.value, // what the server holds, as far as the page knows
			sent: null, // {rev, text} of the request in flight
			tries: 0,
			retry: 0,
			offline: false
		};
		function show(text, state) {
			status.textContent = text;
			status.setAttribute("data-state", state);
		}
		n.dirty = function () { return area.value !== n.confirmed; };
		n.send = function () {
			window.clearTimeout(n.retry);
			n.retry = 0;
			htmx.trigger(form, "ally:send");
		};
		function later() {
			if (n.retry) return;
			n.retry = window.setTimeout(function () {
				n.retry = 0;
				if (n.dirty()) htmx.trigger(form, "ally:send");
			}, backoff(n.tries++));
		}
		notes.push(n);

		area.addEventListener("input", function () {
			keep(key, { text: area.value });
			if (n.offline) show("offline — will retry", "offline");
			else show("saving…", "saving");
		});
		form.addEventListener("htmx:configRequest", function (e) {
			n.rev = Math.max(n.rev + 1, now());
			e.detail.parameters.rev = String(n.rev);
			e.detail.parameters.text = area.value;
			n.sent = { rev: n.rev, text: area.value };
			if (!n.offline) show("saving…", "saving");
		});
		form.addEventListener("htmx:afterRequest", function (e) {
			var x = e.detail.xhr, sent = n.sent;
			if (!sent || !x) return;
			if (x.status >= 200 && x.status < 300) {
				if (Number(x.getResponseHeader("X-Ally-Rev")) !== sent.rev) return; // an older answer
				n.sent = null;
				n.tries = 0;
				n.offline = false;
				if (x.getResponseHeader("X-Ally-Saved") !== "true") {
					show("not saved: a newer version was saved elsewhere; reload to see it", "error");
					return;
				}
				n.confirmed = sent.text;
				if (!n.dirty()) {
					forget(key);
					show("saved", "saved");
				} else {
					later(); // typed on meanwhile: that text follows
				}
			} else if (x.status === 0 || x.status >= 500 || x.status === 408 || x.status === 429) {
				n.sent = null;
				n.offline = true;
				show("offline — will retry", "offline");
				later();
			} else {
				n.sent = null;
				show(x.responseText || "not saved (error " + x.status + ")", "error");
			}
		});

		// Text kept from a visit the server never confirmed goes out now.
		var kept = load(key);
		if (kept && typeof kept.text === "string") {
			if (kept.text !== area.value) {
				area.value = kept.text;
				show("not saved yet", "saving");
				n.send();
			} else {
				forget(key);
			}
		}
	}

	// Capture forms.
	var captures = [];

	function setupCapture(form) {
		var details = form.closest("details");
		var status = document.getElementById(details.id + "-status");
		var c = { tries: 0, retry: 0 };
		c.resend = function () {
			if (!c.retry) return;
			window.clearTimeout(c.retry);
			c.retry = 0;
			htmx.trigger(form, "ally:send");
		};
		captures.push(c);
		form.addEventListener("htmx:beforeRequest", function () {
			status.textContent = "saving…";
		});
		form.addEventListener("htmx:afterRequest", function (e) {
			var x = e.detail.xhr;
			if (x && (x.status === 0 || x.status >= 500)) {
				status.textContent = "offline — will retry";
				if (!c.retry) {
					c.retry = window.setTimeout(function () {
						c.retry = 0;
						htmx.trigger(form, "ally:send");
					}, backoff(c.tries++));
				}
				return;
			}
			c.tries = 0;
			if (x && x.status >= 400 && x.status !== 422) status.textContent = "not saved (error " + x.status + ")";
		});
		form.addEventListener("htmx:afterSwap", function () {
			// The button that was pressed is gone: keep the place.
			details.querySelector("summary").focus();
		});
	}

	// End sends the notes not yet saved first.
	function setupEnd(form) {
		var status = form.querySelector("[data-end-status]");
		form.addEventListener("submit", function (e) {
			var waiting = notes.filter(function (n) { return n.dirty(); });
			if (!waiting.length) return;
			e.preventDefault();
			status.textContent = "Sending your last notes…";
			waiting.forEach(function (n) { n.send(); });
			var waited = 0;
			var poll = window.setInterval(function () {
				waited += 250;
				if (!notes.some(function (n) { return n.dirty(); })) {
					window.clearInterval(poll);
					form.submit();
				} else if (waited >= 8000) {
					window.clearInterval(poll);
					status.textContent = "Some notes are not saved yet: they stay on this device. End again once you are back online.";
				}
			}, 250);
		});
	}

	function init() {
		each(root.querySelectorAll("[data-timer]"), setupTimer);
		if (!window.htmx) return; // the forms post the plain way
		root.classList.add("js-live");
		// A refused capture comes back as its form with the problems marked:
		// swap it in like a success.
		htmx.config.responseHandling = [
			{ code: "204", swap: false },
			{ code: "[23]..", swap: true },
			{ code: "422", swap: true, error: false },
			{ code: "[45]..", swap: false, error: true }
		];
		each(root.querySelectorAll("form[data-note]"), setupNote);
		each(root.querySelectorAll("form[data-capture]"), setupCapture);
		each(root.querySelectorAll("form[data-end]"), setupEnd);
		window.addEventListener("online", function () {
			notes.forEach(function (n) { if (n.dirty()) n.send(); });
			captures.forEach(function (c) { c.resend(); });
		});
	}

	// htmx readies the page on DOMContentLoaded, which comes after this
	// deferred script has run (the document is already "interactive" by
	// then): start after it.
	if (document.readyState === "complete") init();
	else document.addEventListener("DOMContentLoaded", init);
})();

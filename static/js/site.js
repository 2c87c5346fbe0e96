// Pressbox's own behaviour, small and optional: every page works without it.

// "Copy citation" buttons: <button data-copy="ID" hidden> copies the text of element ID. They start hidden so
// that a reader without JavaScript (or without clipboard access) never sees a button that does nothing.
function setUpCopyButtons(root) {
  if (!navigator.clipboard) return;
  root.querySelectorAll("button[data-copy]").forEach((button) => {
    button.hidden = false;
  });
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const label = button.textContent;
  navigator.clipboard.writeText(source.textContent.trim()).then(
    () => { button.textContent = "Copied"; },
    () => { button.textContent = "Select the text to copy it"; },
  );
  setTimeout(() => { button.textContent = label; }, 2500);
});

document.addEventListener("DOMContentLoaded", () => setUpCopyButtons(document));
document.addEventListener("htmx:afterSettle", (event) => setUpCopyButtons(event.target));

// Live fragments ([data-poll]) poll only while the tab is visible: a hidden tab's polls are dropped before
// they are sent, and the page catches up at once when the reader comes back.
document.addEventListener("htmx:beforeRequest", (event) => {
  if (document.hidden && event.detail.elt.hasAttribute("data-poll")) event.preventDefault();
});

document.addEventListener("visibilitychange", () => {
  if (document.hidden || !window.htmx) return;
  document.querySelectorAll("[data-poll]").forEach((element) => window.htmx.trigger(element, "visible-again"));
});

// Kick-off times are printed in the match's local time; a reader elsewhere also gets their own, e.g.
// "Sunday 11 May 2025, 16:15 local time (15:15 your time)". Without JavaScript the local time stands alone.
function addReaderTimes(root) {
  root.querySelectorAll("time[data-reader-time]:not([data-reader-done])").forEach((element) => {
    element.dataset.readerDone = "";
    const kickoff = new Date(element.dateTime);
    const match = element.dateTime.match(/T(\d\d):(\d\d)/);
    if (Number.isNaN(kickoff.getTime()) || !match) return;
    const readers = kickoff.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
    if (readers === `${match[1]}:${match[2]}`) return;
    const sameDay = kickoff.toLocaleDateString("en-CA") === element.dateTime.slice(0, 10);
    const day = sameDay ? "" : `${kickoff.toLocaleDateString([], { weekday: "short" })} `;
    const note = document.createElement("span");
    note.className = "facts__note reader-time";
    note.textContent = ` (${day}${readers} your time)`;
    (element.nextElementSibling || element).after(note);
  });
}

document.addEventListener("DOMContentLoaded", () => addReaderTimes(document));
document.addEventListener("htmx:afterSettle", (event) => addReaderTimes(event.target));

// A form marked [data-show-bad-request] gets its 400 answers swapped in like any other: the server answers a
// search it cannot run with a fragment naming the parameter that is wrong, which the reader should see.
document.addEventListener("htmx:beforeSwap", (event) => {
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (event.detail.xhr.status === 400 && source && source.closest("[data-show-bad-request]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

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

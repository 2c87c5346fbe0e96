// The editing desk: the preview beside the body follows the text a moment after the writer stops typing.
(function () {
  "use strict";
  const PAUSE_MS = 700;
  function start() {
    const refresh = document.querySelector(".desk-preview__refresh");
    if (!refresh) return;
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => refresh.click(), PAUSE_MS);
    };
    for (const id of ["id_headline", "id_standfirst", "id_body", "id_kind"]) {
      const field = document.getElementById(id);
      if (field) field.addEventListener("input", later);
    }
    refresh.click();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

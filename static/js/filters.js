// Leaves the empty fields out of the list page's GET forms, so the URL holds only what was
// chosen (?degree=phd, not ?q=&season=&year=&min_pay=&degree=phd). Without JavaScript the
// server redirects to the same clean URL (postings/views/clean_urls.py).
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.method.toLowerCase() !== "get" || !form.matches("[data-drop-empty]")) {
    return;
  }
  for (const field of form.elements) {
    if (field.name && !field.disabled && field.value.trim() === "") {
      field.disabled = true;
      field.dataset.droppedEmpty = "";
    }
  }
});

// A page restored from the back-forward cache gets its fields back.
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("[data-dropped-empty]")) {
    field.disabled = false;
    delete field.dataset.droppedEmpty;
  }
});

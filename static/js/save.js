// Saves a posting without leaving the page. The "Save" link leads to a small confirmation
// form (so list and posting pages hold no CSRF token and stay cacheable); here the form is
// fetched, which sets the CSRF cookie, and posted at once. On any failure the link is followed.
"use strict";

document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-save-link]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) {
    return;
  }
  event.preventDefault();
  const control = link.parentElement;
  try {
    const page = await fetch(link.href, { credentials: "same-origin" });
    const html = new DOMParser().parseFromString(await page.text(), "text/html");
    const form = html.querySelector("form[data-save-form]");
    if (form) {
      const saved = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!saved.ok) {
        throw new Error(`Saving answered ${saved.status}`);
      }
    }
    const done = document.createElement("p");
    done.className = "save-control save-control--saved";
    done.setAttribute("role", "status");
    done.innerHTML = '<span aria-hidden="true">★</span> Saved · <a>My internships</a>';
    done.querySelector("a").href = link.dataset.saveLink;
    control.replaceWith(done);
  } catch {
    window.location.assign(link.href);
  }
});

// Counts the "Compare" boxes ticked on the page's cards, says how many more to tick, and keeps
// the compare bar in view while any is ticked. Without JavaScript the form works the same;
// the compare page explains too few or too many.
"use strict";

(() => {
  const form = document.getElementById("compare-form");
  if (!form) {
    return;
  }
  const MIN = 2;
  const MAX = 4;
  const fixed = form.dataset.compareWith === "1" ? 1 : 0;
  const help = form.querySelector(".compare-bar__help");
  const button = form.querySelector("button");
  const boxes = () => document.querySelectorAll('input[type="checkbox"][form="compare-form"]');

  const update = () => {
    const ticked = [...boxes()].filter((box) => box.checked).length;
    const chosen = ticked + fixed;
    form.classList.add("compare-bar--live");
    form.classList.toggle("compare-bar--active", ticked > 0);
    if (ticked === 0) {
      return;
    }
    if (chosen < MIN) {
      help.textContent = `${chosen} chosen: tick one more to compare.`;
    } else if (chosen > MAX) {
      help.textContent = `${chosen} chosen: at most ${MAX} can be compared, untick ${chosen - MAX}.`;
    } else {
      help.textContent = `${chosen} chosen to compare.`;
    }
    button.disabled = chosen < MIN || chosen > MAX;
  };

  document.addEventListener("change", (event) => {
    if (event.target.matches('input[type="checkbox"][form="compare-form"]')) {
      update();
    }
  });
  window.addEventListener("pageshow", update);
  update();
})();

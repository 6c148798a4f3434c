// The pipeline board's drag and drop. Each deal card carries a form that moves it (a stage to choose and a Move
// button: the keyboard way, which works without this script); dropping a card on another stage fills in that form
// and sends it.
(() => {
  "use strict";
  let dragged = null;

  for (const card of document.querySelectorAll("[data-deal]")) {
    card.draggable = true;
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      event.dataTransfer.setData("text/plain", card.dataset.deal);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("dragging");
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("dragging");
      dragged = null;
    });
  }

  for (const column of document.querySelectorAll("[data-stage]")) {
    column.addEventListener("dragover", (event) => {
      if (dragged !== null) {
        event.preventDefault();
        column.classList.add("drop-target");
      }
    });
    column.addEventListener("dragleave", () => column.classList.remove("drop-target"));
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      column.classList.remove("drop-target");
      if (dragged === null || dragged.closest("[data-stage]") === column) {
        return;
      }

      const form = dragged.querySelector("form.move");
      form.elements.stage.value = column.dataset.stage;
      form.requestSubmit();
    });
  }
})();

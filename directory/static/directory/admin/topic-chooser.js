// The offer form's topic chooser: typing in the filter box hides the topics that do not
// match (ignoring case and accents); the chosen ones stay listed above it.
(() => {
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function showChosen(chooser) {
    const chosen = [...chooser.querySelectorAll("[data-topic-option]")]
      .filter((option) => option.querySelector("input").checked)
      .map((option) => option.textContent.trim());
    chooser.querySelector("[data-topic-chosen]").textContent = chosen.join(", ");
  }

  document.addEventListener("input", (event) => {
    if (!event.target.matches("[data-topic-filter]")) return;
    const chooser = event.target.closest("[data-topic-chooser]");
    const wanted = fold(event.target.value.trim());
    for (const option of chooser.querySelectorAll("[data-topic-option]")) {
      option.hidden = wanted !== "" && !fold(option.textContent).includes(wanted);
    }
  });
  document.addEventListener("change", (event) => {
    const chooser = event.target.closest("[data-topic-chooser]");
    if (chooser && event.target.type === "checkbox") showChosen(chooser);
  });
  const init = () => document.querySelectorAll("[data-topic-chooser]").forEach(showChosen);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

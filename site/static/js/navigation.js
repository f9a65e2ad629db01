/* The main navigation's "Menu" button on narrow screens (a disclosure): shown only when this
   script runs, so without JavaScript the list simply stays open. The stylesheet hides the list
   while the button says aria-expanded="false"; this script only switches that attribute. */
(function () {
  "use strict";
  var toggle = document.querySelector(".main-nav__toggle");
  if (!toggle) { return; }
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  if (!list) { return; }

  function setExpanded(expanded) {
    toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
  }

  toggle.hidden = false;
  setExpanded(false);
  toggle.addEventListener("click", function () {
    setExpanded(toggle.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and puts the focus back on its button.
  toggle.parentNode.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setExpanded(false);
      toggle.focus();
    }
  });
})();

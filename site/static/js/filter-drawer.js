/* The filter drawer (<details data-filter-drawer>): closed on a phone, so the results come
   first; open as a sidebar from 64em, where there is room beside the results. The server
   renders it closed (it cannot know the screen), or open when a filter needs correcting. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 64em)");
  var drawers = document.querySelectorAll("details[data-filter-drawer]");

  function follow(screen) {
    drawers.forEach(function (drawer) {
      if (screen.matches) {
        drawer.open = true;
      } else if (!drawer.hasAttribute("data-keep-open")) {
        drawer.open = false;
      }
    });
  }

  drawers.forEach(function (drawer) {
    if (drawer.open) {
      drawer.setAttribute("data-keep-open", "");  // errors to read: never close it
    }
  });
  if (wide.matches) {
    follow(wide);
  }
  wide.addEventListener("change", follow);
}());

/* On a narrow screen the list of policies and forms folds behind a "Menu" button, so the page's
   own content comes first. Without JavaScript the list simply stays open. */
(function () {
  var button = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  document.documentElement.classList.add("js-nav");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
})();

// Progressive enhancement for the portal's forms; every page works without it.
// After a refused submission, move focus to the list of problems so keyboard and screen-reader users
// land on it; after an accepted one, on the confirmation.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("form-errors") || document.getElementById("lodged");
  if (target) target.focus();
});

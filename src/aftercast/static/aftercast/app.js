// The few behaviours the pages ask for by attribute, so no page needs inline script (the
// Content-Security-Policy allows none): a link to copy is selected when focused, a select
// marked data-autosubmit sends its form, a form marked data-confirm asks first.
document.addEventListener("focusin", function (event) {
  if (event.target.matches && event.target.matches("input.copy-link, input.copyable")) {
    event.target.select();
  }
});
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
    event.target.form.submit();
  }
});
document.addEventListener("submit", function (event) {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

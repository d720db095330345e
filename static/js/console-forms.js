// The prompt forms (new prompt in the console, edit page): only the fieldset of the chosen kind
// is shown and sent, and forms marked `data-confirm` ask before they are sent.

function setupPromptForm(form) {
  const select = form.querySelector("[data-kind-select]");
  const rankTop = form.querySelector('input[name="rank_top"]');
  const apply = () => {
    const kind = select ? select.value : form.dataset.kind;
    for (const fieldset of form.querySelectorAll(".c-kind-fields")) {
      const active = fieldset.dataset.kind === kind;
      fieldset.hidden = !active;
      fieldset.disabled = !active;
    }
    if (rankTop) {
      const top = form.querySelector('input[name="rank_mode"]:checked');
      rankTop.disabled = !top || top.value !== "top";
    }
  };
  form.addEventListener("change", apply);
  apply();
}

for (const form of document.querySelectorAll("[data-prompt-form]")) setupPromptForm(form);
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

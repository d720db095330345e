// The selected prompt in detail: its words and commands, what the room sees of it, its results
// and their breakdown by constituency, and saving them as a chart. <details> the moderator
// opened stay open across updates.
import { el, setText } from "./dom.js";
import { t } from "./i18n.js";
import { breakdownView } from "./console-breakdown.js";
import { chartButtons } from "./console-chart.js";
import { fillCommands, fillMeta, settingsText, visibilityHelp } from "./console-describe.js";
import { clearError, fieldOf } from "./console-kit.js";
import { pacingControls } from "./console-pacing.js";
import { resultsView } from "./console-results.js";

function showVisibility(detail, prompt, store) {
  const visibility = fieldOf(detail, "visibility");
  visibility.classList.toggle("is-revealed", prompt.revealed);
  setText(
    fieldOf(detail, "visibility-label"),
    prompt.revealed ? t("Revealed to the room") : t("Hidden from the room"),
  );
  setText(fieldOf(detail, "visibility-help"), visibilityHelp(prompt, store.state.k, store.currentId() === prompt.id));
}

function showResults(detail, prompt, store) {
  const keep = [...detail.querySelectorAll("details[data-keep][open]")].map((d) => d.dataset.keep);
  const results = document.getElementById("results");
  const breakdown = document.getElementById("breakdown");
  const groupName = (id) => store.groupName(id);
  if (!prompt.results) {
    results.replaceChildren(el("p", { class: "c-empty", text: t("No results.") }));
    breakdown.replaceChildren();
  } else {
    results.replaceChildren(...resultsView(prompt, groupName));
    breakdown.replaceChildren(...breakdownView(prompt, groupName, store.state.k));
  }
  for (const name of keep) {
    const again = detail.querySelector(`details[data-keep="${name}"]`);
    if (again) again.open = true;
  }
}

/** The detail panel of the console's store; `render()` shows the selected prompt. */
export function promptDetail(store) {
  const detail = document.querySelector('[data-detail="prompt"]');
  const empty = document.querySelector('[data-detail="empty"]');
  const pacing = pacingControls(store, detail);
  const chart = chartButtons(detail);

  function render() {
    const prompt = store.selectedPrompt();
    empty.hidden = Boolean(prompt);
    detail.hidden = !prompt;
    if (!prompt) return;
    if (detail.dataset.promptId !== String(prompt.id)) {
      detail.dataset.promptId = prompt.id;
      clearError(fieldOf(detail, "error"));
      detail.parentElement.scrollTop = 0;
    }
    fillMeta(detail, prompt, store.order.indexOf(prompt.id), store.currentId());
    setText(fieldOf(detail, "settings"), settingsText(prompt));
    pacing.update(prompt);
    showVisibility(detail, prompt, store);
    fillCommands(detail, prompt, store.currentId(), store.busy);
    showResults(detail, prompt, store);
    chart.update(prompt);
  }

  return { render };
}

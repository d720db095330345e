// What the console knows: the room's state from the server, its prompts by id in agenda order,
// the prompt the moderator selected, and the buttons whose command awaits its answer.
import { localName, t } from "./i18n.js";

/** The console's one store of state, shared by its parts. */
export function createStore(root) {
  const hashId = Number((location.hash.match(/^#prompt-(\d+)$/) || [])[1]);
  return {
    root,
    state: null,
    order: [],
    prompts: new Map(),
    selected: hashId || null,
    busy: new Set(), // buttons whose command awaits its ack

    /** The prompt on screen, or null. */
    currentId() {
      return this.state ? this.state.current_prompt_id : null;
    },

    /** The selected prompt, or undefined. */
    selectedPrompt() {
      return this.prompts.get(this.selected);
    },

    /** A constituency's name by id, in the console's language. */
    groupName(id) {
      const group = this.state && this.state.constituencies.find((c) => c.id === id);
      return group ? localName(group) : t("Group {id}", { id });
    },

    /** Take the room's whole state; keep the selection if the prompt still exists. */
    load(next) {
      this.state = next;
      this.prompts.clear();
      this.order = next.agenda.map((p) => p.id);
      for (const p of next.agenda) this.prompts.set(p.id, p);
      if (!this.prompts.has(this.selected)) {
        const open = next.agenda.find((p) => p.state === "open");
        this.selected = next.current_prompt_id || (open && open.id) || this.order[0] || null;
      }
    },
  };
}

// Save the selected prompt's published results as an image for slides: the server draws the
// chart as SVG (GET …/prompts/<id>/chart.svg?lang=); the PNG is that SVG drawn on a canvas at
// twice its size (3200 × 1800). Only results the room has been shown can be saved.
import { LANG, t } from "./i18n.js";
import { clearError, fieldOf, showError } from "./console-kit.js";

const WIDTH = 3200;
const HEIGHT = 1800;

/** Why the chart cannot be saved now, or "" when it can. */
function reason(prompt) {
  if (!prompt.revealed) return t("Reveal the results first: a chart shows only what the room has seen.");
  if (!prompt.published) return t("The room has not been shown results yet: they appear once enough people have answered.");
  return "";
}

/** The server's reason for a refused chart, read from its error page as text. */
async function refusal(response) {
  let said = "";
  try {
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const paragraph = page.querySelector("main p, .card p");
    said = paragraph ? paragraph.textContent.trim() : "";
  } catch {
    said = "";
  }
  if (response.status === 403) return said || t("Only a moderator of this room may save its chart.");
  return said || t("The chart could not be made ({status}).", { status: response.status });
}

/** The chart as SVG text; throws an Error whose message says what went wrong. */
async function fetchSvg(url) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new Error(t("Could not reach the server: check the connection, then try again."));
  }
  if (!response.ok) throw new Error(await refusal(response));
  const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  return { text: await response.text(), name: name ? name[1] : "chart.svg" };
}

/** The SVG drawn on a canvas at 3200 × 1800, as a PNG Blob. */
async function toPng(svgText) {
  // A data: URL, not a blob: one: the console's Content-Security-Policy allows data: images.
  const image = new Image(WIDTH, HEIGHT);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.drawImage(image, 0, 0, WIDTH, HEIGHT);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error(t("This browser could not make the PNG; save the SVG instead."));
  return blob;
}

/** Hand a Blob to the browser as a download named `name`. */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function save(url, kind) {
  const { text, name } = await fetchSvg(kind === "png" ? `${url}&for=png` : url);
  if (kind === "svg") {
    download(new Blob([text], { type: "image/svg+xml" }), name);
    return;
  }
  download(await toPng(text), name.replace(/\.svg$/, ".png"));
}

/** The two buttons under the results; `update(prompt)` enables them for published results. */
export function chartButtons(detail) {
  const box = fieldOf(detail, "chart");
  const error = fieldOf(detail, "chart-error");
  const buttons = box ? [...box.querySelectorAll("[data-chart]")] : [];
  let url = "";

  for (const button of buttons) {
    button.addEventListener("click", async (event) => {
      event.preventDefault();
      if (!url || button.getAttribute("aria-disabled") === "true") return;
      clearError(error);
      button.setAttribute("aria-busy", "true");
      try {
        await save(url, button.dataset.chart);
      } catch (failure) {
        showError(error, failure.message);
      } finally {
        button.removeAttribute("aria-busy");
      }
    });
  }

  function update(prompt) {
    if (!box) return;
    const why = reason(prompt);
    url = why ? "" : `${box.dataset.chartUrl.replace("/prompts/0/", `/prompts/${prompt.id}/`)}?lang=${LANG}`;
    for (const button of buttons) {
      const saves = button.dataset.chart === "png" ? t("Save chart as PNG") : t("Save chart as SVG");
      button.title = why || t("{what}: the results as the room saw them, for slides", { what: saves });
      button.setAttribute("aria-disabled", why ? "true" : "false");
      if (button.tagName === "BUTTON") button.disabled = Boolean(why);
      else if (why) button.removeAttribute("href");
      else button.href = url;
    }
  }

  return { update };
}

/**
 * Names Excalidraw (0.18.1) leaves out or gets wrong, patched in its markup as it
 * renders (called from the canvas's MutationObserver; ADR 016):
 * - its dialogs (Help among them) point aria-labelledby at an id that does not
 *   exist: they get their own title as their name (4.1.2);
 * - the zoom reset button shows the zoom ("100%") but is named only "Zoom
 *   terugzetten": its name starts with what it shows (2.5.3 label in name);
 * - the Help dialog writes three keys in English, outside its translations.
 */
const helpKeys: Record<string, string> = { "Arrow Key": "Pijltoets", Space: "Spatiebalk", Wheel: "Muiswiel" };

export function patchEditorMarkup(root: HTMLElement): void {
  for (const dialog of root.ownerDocument.querySelectorAll<HTMLElement>(".excalidraw [role=dialog]")) {
    const labelledBy = dialog.getAttribute("aria-labelledby");
    const named = dialog.hasAttribute("aria-label") || (labelledBy && dialog.ownerDocument.getElementById(labelledBy));
    if (named) continue;
    const title = dialog.querySelector<HTMLElement>(".Dialog__title, h2, h3")?.textContent?.trim();
    if (title) {
      dialog.removeAttribute("aria-labelledby");
      dialog.setAttribute("aria-label", title);
    }
  }
  for (const key of root.ownerDocument.querySelectorAll<HTMLElement>(".HelpDialog kbd")) {
    const dutch = helpKeys[key.textContent?.trim() ?? ""];
    if (dutch) key.textContent = dutch;
  }
  for (const reset of root.querySelectorAll<HTMLElement>(".reset-zoom-button")) {
    const shown = reset.textContent?.trim() ?? "";
    const name = shown ? `${shown}, zoom terugzetten naar 100%` : "Zoom terugzetten naar 100%";
    if (reset.getAttribute("aria-label") !== name) reset.setAttribute("aria-label", name);
    if (reset.title !== name) reset.title = name;
  }
}

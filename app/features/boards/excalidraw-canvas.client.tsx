/**
 * The Excalidraw canvas of a board. Browser only (`.client`: the server build gets
 * an empty module), loaded with React.lazy by board-workspace.tsx after
 * `window.EXCALIDRAW_ASSET_PATH` points at our own /editor/ folder (ADR 015).
 * It only talks to the portal: local changes go out through `portal.change`,
 * remote ones come in through the handle's `sync`.
 */
import {
  CaptureUpdateAction,
  Excalidraw,
  exportToBlob,
  exportToSvg,
  getSceneVersion,
  languages,
  restoreElements,
} from "@excalidraw/excalidraw";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useEffect, useMemo, useRef } from "react";
// Excalidraw's fallback (English) strings, the object its t() falls back to; pinned
// to 0.18.1's bundle layout, checked by tests/unit/excalidraw-nl.test.ts.
// @ts-expect-error -- a chunk of Excalidraw's bundle, without type declarations
import { J as excalidrawFallbackStrings } from "../../../node_modules/@excalidraw/excalidraw/dist/prod/chunk-6U3AYISY.js";
// @ts-expect-error -- Excalidraw's Dutch locale, a chunk without type declarations
import excalidrawDutch from "../../../node_modules/@excalidraw/excalidraw/dist/prod/locales/nl-NL-IS3SIHDZ.js";
import { dutchCorrections, fillLocale, type LocaleTree } from "./excalidraw-nl";
import { patchEditorMarkup } from "./excalidraw-patches";
import { isAllowedElementType, winsOver, type BoardElement, type PeerPresence, type Viewport } from "./board-protocol";
import type { BoardPortal } from "./board-client";

/**
 * Excalidraw offers only languages that are at least 85% translated; Dutch is at
 * 75% (0.18.1), so `langCode={DUTCH}` would silently fall back to English. Listing
 * it ourselves loads its translations, and the strings its Dutch lacks are filled
 * in where it looks when a translation is missing (excalidraw-nl.ts).
 */
const DUTCH = "nl-NL";
if (!languages.some((language) => language.code === DUTCH)) languages.push({ code: DUTCH, label: "Nederlands" });
fillLocale(excalidrawFallbackStrings as LocaleTree);
fillLocale(excalidrawDutch as LocaleTree, dutchCorrections);

export type CanvasHandle = {
  /** Merges changed elements (from others) into the scene; `replaceAll` makes the scene the portal's state. */
  sync(changed: readonly BoardElement[], replaceAll: boolean): void;
  /** Adds elements the page made (a sticky note) and selects them. */
  add(elements: readonly BoardElement[]): void;
  viewCenter(): { x: number; y: number };
  viewport(): Viewport;
  setViewport(viewport: Viewport): void;
  selectedIds(): string[];
  peers(peers: ReadonlyMap<string, PeerPresence>): void;
  exportPng(): Promise<Blob>;
  exportSvg(): Promise<string>;
};

type Props = {
  portal: BoardPortal;
  readOnly: boolean;
  onReady(handle: CanvasHandle): void;
  onViewportChange(viewport: Viewport): void;
};

/** Excalidraw tools that make elements the server refuses (the image tool is off in UIOptions too). */
const refusedTools = new Set<string>(["image", "embeddable", "magicframe"]);

type SceneElement = ReturnType<ExcalidrawImperativeAPI["getSceneElementsIncludingDeleted"]>[number];

const byIndex = (a: { index?: unknown }, b: { index?: unknown }) => {
  const x = typeof a.index === "string" ? a.index : "\uffff";
  const y = typeof b.index === "string" ? b.index : "\uffff";
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Excalidraw mutates its elements in place: the replica and the scene never share objects. */
const copy = <T extends object>(elements: readonly T[]): T[] => elements.map((e) => ({ ...e }));

export default function ExcalidrawCanvas({ portal, readOnly, onReady, onViewportChange }: Props) {
  const apiRef = useRef<ExcalidrawImperativeAPI | null>(null);
  const lastSceneVersion = useRef(-1);
  const applyingRemote = useRef(false);
  const viewportCallback = useRef(onViewportChange);
  viewportCallback.current = onViewportChange;

  const initialData = useMemo(
    () => ({
      elements: restoreElements(copy(portal.elements()) as never, null),
      appState: { viewBackgroundColor: "#ffffff" },
      scrollToContent: true,
    }),
    [portal],
  );

  useEffect(() => () => void (apiRef.current = null), []);

  // Gaps in Excalidraw's own markup (0.18.1), patched where they render: the main
  // menu button and the colour pickers (role=dialog) have no name, and its footer
  // claims to be the page's contentinfo landmark (we have our own). See ADR 016.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    const patch = () => {
      patchEditorMarkup(root);
      for (const trigger of root.querySelectorAll<HTMLElement>(".main-menu-trigger:not([aria-label])"))
        trigger.setAttribute("aria-label", "Menu van de tekentool");
      for (const footer of root.querySelectorAll<HTMLElement>("footer[role=contentinfo]")) footer.removeAttribute("role");
      for (const dialog of root.querySelectorAll<HTMLElement>("[role=dialog]:not([aria-label]):not([aria-labelledby])"))
        dialog.setAttribute("aria-label", "Kleur kiezen");
      // The web-embed tool in the "more tools" menu (Excalidraw has no option to hide
      // it; the server refuses embeds, ADR 023). Its text-to-diagram item, further
      // down, has the same test id, so only the first one goes.
      const embed = root.querySelector<HTMLElement>('.App-toolbar__extra-tools-dropdown [data-testid="toolbar-embeddable"]');
      // (Its stylesheet sets display, which would override the hidden attribute.)
      if (embed && embed.style.display !== "none") embed.style.setProperty("display", "none", "important");
    };
    patch();
    const observer = new MutationObserver(patch);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    // Its dialogs (Help) render in a container outside the canvas, on the body.
    observer.observe(document.body, { childList: true });
    return () => observer.disconnect();
  }, []);

  const setApi = (api: ExcalidrawImperativeAPI) => {
    if (apiRef.current === api) return;
    apiRef.current = api;
    const scene = () => api.getSceneElementsIncludingDeleted() as readonly SceneElement[];
    const replace = (elements: readonly object[]) => {
      applyingRemote.current = true;
      try {
        const restored = restoreElements(copy(elements) as never, null);
        api.updateScene({ elements: [...restored].sort(byIndex), captureUpdate: CaptureUpdateAction.NEVER });
        lastSceneVersion.current = getSceneVersion(scene());
      } finally {
        applyingRemote.current = false;
      }
    };
    const handle: CanvasHandle = {
      sync(changed, replaceAll) {
        if (replaceAll) return replace(portal.elements());
        const merged = new Map<string, object>(scene().map((e) => [e.id, e]));
        for (const element of changed) {
          const current = merged.get(element.id) as BoardElement | undefined;
          if (winsOver(element, current)) merged.set(element.id, element);
        }
        replace([...merged.values()]);
      },
      add(elements) {
        const added = restoreElements(copy(elements) as never, null);
        api.updateScene({
          elements: [...scene(), ...added],
          appState: { selectedElementIds: { [elements[0].id]: true } },
          captureUpdate: CaptureUpdateAction.IMMEDIATELY,
        });
        // The editor reports the change only after its next render; the portal knows the
        // new elements now, so a quick second "Plaknotitie" finds this note taken.
        portal.change(added as unknown as BoardElement[]);
      },
      viewCenter() {
        const state = api.getAppState();
        return { x: -state.scrollX + state.width / 2 / state.zoom.value, y: -state.scrollY + state.height / 2 / state.zoom.value };
      },
      viewport() {
        const state = api.getAppState();
        return { scrollX: state.scrollX, scrollY: state.scrollY, zoom: state.zoom.value };
      },
      setViewport(viewport) {
        api.updateScene({
          appState: { scrollX: viewport.scrollX, scrollY: viewport.scrollY, zoom: { value: viewport.zoom as never } },
          captureUpdate: CaptureUpdateAction.NEVER,
        });
      },
      selectedIds() {
        return Object.keys(api.getAppState().selectedElementIds).filter((id) => api.getAppState().selectedElementIds[id]);
      },
      peers(peers) {
        const collaborators = new Map();
        for (const peer of peers.values()) {
          collaborators.set(peer.userId, {
            id: peer.userId,
            username: peer.name,
            pointer: peer.pointer ? { ...peer.pointer, tool: "pointer" } : undefined,
            selectedElementIds: Object.fromEntries(peer.selectedIds.map((id) => [id, true])),
          });
        }
        api.updateScene({ collaborators, captureUpdate: CaptureUpdateAction.NEVER });
      },
      async exportPng() {
        return exportToBlob({
          elements: api.getSceneElements(),
          appState: { ...api.getAppState(), exportBackground: true, viewBackgroundColor: "#ffffff" },
          files: api.getFiles(),
          mimeType: "image/png",
          exportPadding: 20,
        });
      },
      async exportSvg() {
        const svg = await exportToSvg({
          elements: api.getSceneElements(),
          appState: { ...api.getAppState(), exportBackground: true, viewBackgroundColor: "#ffffff" },
          files: api.getFiles(),
          exportPadding: 20,
          // Inlining subsets the fonts with a WebAssembly module that needs 'unsafe-eval'
          // in the CSP; the SVG names the fonts instead (ADR 015).
          skipInliningFonts: true,
        });
        return svg.outerHTML;
      },
    };
    onReady(handle);
  };

  return (
    <div ref={wrapper} className="board-canvas__inner">
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        langCode={DUTCH}
        viewModeEnabled={readOnly}
        isCollaborating
        aiEnabled={false}
        // Images would need file sync (not built) and embeds load other sites: both off.
        UIOptions={{
          canvasActions: { loadScene: false, saveToActiveFile: false, export: false, saveAsImage: false, toggleTheme: false },
          tools: { image: false },
        }}
        validateEmbeddable={false}
        onChange={(elements, appState) => {
          if (applyingRemote.current) return;
          // Tools the product does not offer (reached by a shortcut, say) go back to
          // the selection tool, and elements of types it does not offer (a pasted or
          // dropped image) leave the scene: the server would refuse them (ADR 023).
          const api = apiRef.current;
          if (api && refusedTools.has(appState.activeTool.type)) setTimeout(() => api.setActiveTool({ type: "selection" }));
          if (api && elements.some((e) => !e.isDeleted && !isAllowedElementType(e.type))) {
            setTimeout(() =>
              api.updateScene({
                elements: api.getSceneElementsIncludingDeleted().filter((e) => isAllowedElementType(e.type)),
                captureUpdate: CaptureUpdateAction.NEVER,
              }),
            );
          }
          const version = getSceneVersion(elements);
          if (version === lastSceneVersion.current) return;
          lastSceneVersion.current = version;
          portal.change(elements as unknown as BoardElement[]);
        }}
        onPointerUpdate={({ pointer }) => {
          const api = apiRef.current;
          if (!api) return;
          const selected = api.getAppState().selectedElementIds;
          portal.presence(
            { x: pointer.x, y: pointer.y },
            Object.keys(selected).filter((id) => selected[id]),
          );
        }}
        onScrollChange={(scrollX, scrollY, zoom) => viewportCallback.current({ scrollX, scrollY, zoom: zoom.value })}
      />
    </div>
  );
}

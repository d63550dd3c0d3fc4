/**
 * Makes the whiteboard editor load its fonts from our own origin only (ADR 015).
 * Excalidraw 0.18 gives every font face two sources: EXCALIDRAW_ASSET_PATH (ours)
 * and a CDN fallback (esm.sh). Chromium checks every source of a FontFace against
 * the CSP, so the fallback would log hundreds of CSP violations and, without the
 * CSP, be a request to a third party. This keeps only same-origin sources.
 * Browser only; call before importing @excalidraw/excalidraw.
 */
export const EDITOR_ASSET_PATH = "/editor/";

const URL_SOURCE = /url\(\s*(["']?)([^"')]+)\1\s*\)/;

export function sameOriginSources(source: string, origin: string): string {
  const kept = source.split(/,\s*(?=url\()/).filter((part) => {
    const match = URL_SOURCE.exec(part);
    if (!match) return true;
    try {
      const url = new URL(match[2], origin);
      return url.protocol === "data:" || url.origin === origin;
    } catch {
      return false;
    }
  });
  return kept.join(", ");
}

let installed = false;

export function prepareEditorAssets(): void {
  const w = window as unknown as { EXCALIDRAW_ASSET_PATH?: string; FontFace: typeof FontFace };
  w.EXCALIDRAW_ASSET_PATH = EDITOR_ASSET_PATH;
  if (installed) return;
  installed = true;
  const Native = w.FontFace;
  const origin = window.location.origin;
  w.FontFace = class SameOriginFontFace extends Native {
    constructor(family: string, source: string | BufferSource, descriptors?: FontFaceDescriptors) {
      super(family, typeof source === "string" ? sameOriginSources(source, origin) : source, descriptors);
    }
  };
}

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";

describe("Notice", () => {
  it("renders the markup the pages and their tests rely on", () => {
    expect(renderToStaticMarkup(createElement(Notice, { tone: "success", children: "Opgeslagen." }))).toBe(
      '<p class="notice notice--success" role="status">Opgeslagen.</p>',
    );
    expect(renderToStaticMarkup(createElement(Notice, { tone: "error", children: "Mislukt." }))).toBe(
      '<p class="notice" role="alert">Mislukt.</p>',
    );
    expect(renderToStaticMarkup(createElement(Notice, { tone: "info", children: "Gearchiveerd." }))).toBe(
      '<p class="notice">Gearchiveerd.</p>',
    );
  });
});

describe("SubmitButton", () => {
  it("stays enabled and focusable while busy, marked aria-disabled", () => {
    const busy = renderToStaticMarkup(createElement(SubmitButton, { busy: true, name: "intent", value: "save" }, "Opslaan"));
    expect(busy).toContain('aria-disabled="true"');
    expect(busy).not.toContain('disabled=""');
    expect(busy).toContain('type="submit"');
    expect(busy).toContain('value="save"');
    expect(busy).toContain(">Opslaan</button>");
    const idle = renderToStaticMarkup(createElement(SubmitButton, { busy: false }, "Opslaan"));
    expect(idle).toBe('<button type="submit" class="button">Opslaan</button>');
  });
});

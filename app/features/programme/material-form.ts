import { z } from "zod";
import { markdownField } from "~/utils/markdown-limits";
import { withCrossChecks } from "~/utils/forms";

/** The material editor form, shared by browser and server. */
export const materialFormSchema = withCrossChecks(
  z.object({
    kind: z.enum(["text", "file", "link"], { errorMap: () => ({ message: "Kies het soort materiaal." }) }),
    title: z
      .string({ required_error: "Geef het materiaal een titel." })
      .trim()
      .min(1, "Geef het materiaal een titel.")
      .max(200, "Gebruik hoogstens 200 tekens."),
    body: markdownField(100_000, { trim: false, tooLong: "Deze tekst is te lang (hoogstens 100.000 tekens)." }).default(""),
    url: z
      .string()
      .trim()
      .max(2000, "Deze link is te lang.")
      .refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "Vul een volledige link in die met https:// begint.")
      .default(""),
    fileId: z.string().max(64).default(""),
    publish: z.enum(["draft", "now", "at"], { errorMap: () => ({ message: "Kies wanneer deelnemers het zien." }) }),
    publishDate: z.string().default(""),
    publishTime: z.string().default(""),
  }),
  // On the raw values, so a missing text or date shows beside a missing title.
  (v, ctx) => {
    if (v.kind === "text" && !(v.body ?? "").trim()) ctx.addIssue({ code: "custom", path: ["body"], message: "Schrijf de tekst." });
    if (v.kind === "link" && !(v.url ?? "").trim()) ctx.addIssue({ code: "custom", path: ["url"], message: "Vul de link in." });
    if (v.kind === "file" && !v.fileId)
      ctx.addIssue({ code: "custom", path: ["fileId"], message: "Kies een bestand en wacht tot het is geüpload." });
    if (v.publish === "at") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.publishDate ?? ""))
        ctx.addIssue({ code: "custom", path: ["publishDate"], message: "Vul de datum van publicatie in." });
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.publishTime ?? ""))
        ctx.addIssue({ code: "custom", path: ["publishTime"], message: "Vul de tijd van publicatie in." });
    }
  },
);

export const materialFormLabels = {
  kind: "Soort",
  title: "Titel",
  body: "Tekst",
  url: "Link",
  fileId: "Bestand",
  publish: "Zichtbaar voor deelnemers",
  publishDate: "Datum van publicatie",
  publishTime: "Tijd van publicatie",
};

export const materialKindLabels = { text: "Tekst", file: "Bestand", link: "Link" } as const;

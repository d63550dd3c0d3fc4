import { describe, expect, it } from "vitest";
import { DomainError, domainErrorResponse } from "~/utils/domain-error.server";
import { ArchivedEditionError } from "~/features/programme/edition.server";
import { SubmissionError } from "~/features/homework/submission.server";

describe("domainErrorResponse", () => {
  it("answers a refusal with its status and its message beside its field", async () => {
    const response = domainErrorResponse(new DomainError("Dit bestand is te groot.", { status: 413, field: "file" }), {
      values: { title: "Kaart" },
      trioId: "t1",
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: { file: "Dit bestand is te groot." },
      done: null,
      values: { title: "Kaart" },
      trioId: "t1",
    });
  });

  it("keeps the statuses the models' named refusals always had", async () => {
    const archived = domainErrorResponse(new ArchivedEditionError());
    expect(archived.status).toBe(409);
    expect((await archived.json()).errors).toEqual({ form: "Deze editie is gearchiveerd en kan niet meer worden gewijzigd." });
    const gone = domainErrorResponse(new SubmissionError(410, "Deze feedback is al verwijderd."));
    expect(gone.status).toBe(410);
  });

  it("rethrows anything that is not a refusal", () => {
    const bug = new TypeError("x is undefined");
    expect(() => domainErrorResponse(bug)).toThrow(bug);
    const redirect = new Response(null, { status: 302 });
    expect(() => domainErrorResponse(redirect)).toThrow();
  });
});

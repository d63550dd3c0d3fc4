/**
 * The session cookie's signature is checked once per request, however many loaders
 * and guards of that request ask who is logged in; every new request checks again.
 */
import { describe, expect, it, vi } from "vitest";

const readSessionId = vi.fn(async (_header: string | null | undefined) => null);
vi.mock("~/utils/auth-config.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  readSessionId,
}));
const { getOptionalUser } = await import("~/features/accounts/auth.server");

describe("getOptionalUser", () => {
  it("verifies the cookie once per request and again for the next request", async () => {
    const request = new Request("http://localhost/", { headers: { Cookie: "__session=onbekend" } });
    expect(await getOptionalUser(request)).toBeNull();
    expect(await getOptionalUser(request)).toBeNull();
    expect(readSessionId).toHaveBeenCalledTimes(1);
    expect(readSessionId).toHaveBeenCalledWith("__session=onbekend");
    await getOptionalUser(new Request("http://localhost/", { headers: { Cookie: "__session=onbekend" } }));
    expect(readSessionId).toHaveBeenCalledTimes(2);
  });
});

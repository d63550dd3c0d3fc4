import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("smoke", () => {
  it("serves the home page and logs in", async () => {
    const client = new Client(server.url);
    const home = await client.get("/");
    expect(home.status).toBe(200);
    const organiser = seededLogin(server, "organiser");
    const res = await client.login(organiser.email, organiser.password);
    expect(res.status).toBe(302);
    const page = await client.get("/");
    expect(await page.text()).toContain("Welkom, Annemiek Visser");
  });
});

/**
 * A small HTTP client for integration tests: a cookie jar, same-origin headers on
 * posts (as a browser sends them), and no automatic redirects so tests see them.
 */
export class Client {
  cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader, ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(
    path: string,
    form: Record<string, string> | URLSearchParams | FormData | string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = typeof form === "string" || form instanceof URLSearchParams || form instanceof FormData ? form : new URLSearchParams(form);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { cookie: this.cookieHeader, origin: this.baseUrl, ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Logs in and returns the response (302 on success). */
  login(email: string, password: string): Promise<Response> {
    return this.post("/inloggen", { email, password, redirectTo: "/" });
  }
}

// Browser tests need Debian's Chromium headless shell (ADR 030). Install it when we
// can (root with apt), otherwise stop with one clear line saying how.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium ontbreekt voor de browsertests; installeren met apt-get (±20 s)…");
    try {
      execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell", { stdio: "inherit" });
    } catch {
      console.error(`Chromium kon niet worden geïnstalleerd; installeer het zelf: sudo apt-get install -y chromium-headless-shell`);
      process.exit(1);
    }
  } else {
    console.error(
      `Chromium ontbreekt (${CHROMIUM}); installeer het met: sudo apt-get install -y chromium-headless-shell (of zet CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
}

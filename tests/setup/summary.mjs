// Prints one plain closing line ("N passed, N failed") from vitest's JSON report,
// so CI can tell a run that executed tests from one that ran none.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (report.numTotalTests === 0) {
  console.error("Er zijn geen tests uitgevoerd.");
  process.exit(1);
}

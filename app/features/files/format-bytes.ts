/** "12,5 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString("nl-NL", { maximumFractionDigits: 1, minimumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

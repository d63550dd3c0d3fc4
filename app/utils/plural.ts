/**
 * "1 vraag", "3 vragen", "0 gepubliceerde onderdelen": a count with the right Dutch form.
 * Dutch uses the plural for zero.
 */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count.toLocaleString("nl-NL")} ${count === 1 ? singular : pluralForm}`;
}

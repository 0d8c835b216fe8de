const formats = new Map<string, Intl.NumberFormat>();

/**
 * A CVSS score as a person reads it: one decimal, 10.0 and 0.0 included, written the way their language
 * writes decimals ("9.3" in English, "9,3" in Russian). `intlTag` is the reader's BCP 47 tag ("ru-RU").
 * Machine formats (vectors, CSAF documents, API JSON) keep the number itself.
 */
export function formatCvssScore(score: number, intlTag: string): string {
  let format = formats.get(intlTag);
  if (!format) {
    format = new Intl.NumberFormat(intlTag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    formats.set(intlTag, format);
  }
  return format.format(score);
}

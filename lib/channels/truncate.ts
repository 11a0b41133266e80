// Cutting provider text to a length limit without breaking what the reader sees.

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * Fits `text` into `max` UTF-16 code units: cut at a grapheme boundary (never inside a surrogate
 * pair, a ZWJ emoji or a combining sequence) and end with "…" when anything was cut.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - 1);
  // containing() looks up one boundary; iterating every grapheme is quadratic in V8 on long text.
  const cut = graphemes.segment(text).containing(budget)?.index ?? budget;
  return `${text.slice(0, cut)}…`;
}

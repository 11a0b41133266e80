/** Share of passing checks as a percentage with two decimals, or null without checks. */
export function uptimePercent(points: { ok: boolean }[]): string | null {
  if (points.length === 0) return null;
  return ((points.filter((p) => p.ok).length / points.length) * 100).toFixed(2);
}

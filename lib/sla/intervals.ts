// Half-open time spans [start, end) in epoch milliseconds: the arithmetic under uptime.
// Plain numbers keep a year of history for fifty components well inside the time budget.

export interface Span {
  start: number;
  end: number;
}

/** Downtime span: weight 1 is a whole lost minute per minute, 0.5 half of one (partial outage). */
export interface WeightedSpan extends Span {
  weight: number;
}

/** What one component contributes to a figure: downtime net of its exclusions, and those exclusions. */
export interface ComponentTimeline {
  downtime: WeightedSpan[];
  excluded: Span[];
}

export const MS_PER_MINUTE = 60_000;

export function clip(span: Span, within: Span): Span | null {
  const start = Math.max(span.start, within.start);
  const end = Math.min(span.end, within.end);
  return start < end ? { start, end } : null;
}

/** Sorted, non-overlapping union. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.start < s.end).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

export function totalMs(spans: readonly Span[]): number {
  let total = 0;
  for (const s of spans) total += s.end - s.start;
  return total;
}

/**
 * Overlapping downtime (two status rows, a status row and an overrun) must not count twice:
 * at every instant only the heaviest weight counts. Returns sorted disjoint spans.
 */
export function flattenByMaxWeight(spans: readonly WeightedSpan[]): WeightedSpan[] {
  const levels = weightsDescending(spans);
  if (levels.length === 1) return mergeSpans(spans).map((s) => ({ ...s, weight: levels[0] }));
  let covered: Span[] = [];
  const out: WeightedSpan[] = [];
  for (const weight of levels) {
    const atLeast = mergeSpans(spans.filter((s) => s.weight >= weight));
    for (const s of subtractSpans(
      atLeast.map((u) => ({ ...u, weight })),
      covered,
    ))
      out.push(s);
    covered = atLeast;
  }
  return out.sort((a, b) => a.start - b.start);
}

function weightsDescending(spans: readonly WeightedSpan[]): number[] {
  const weights = new Set<number>();
  for (const s of spans) if (s.weight > 0) weights.add(s.weight);
  return [...weights].sort((a, b) => b - a);
}

/** `spans` minus `cuts` (both may be unsorted; cuts may overlap). */
export function subtractSpans(spans: readonly WeightedSpan[], cuts: readonly Span[]): WeightedSpan[] {
  const holes = mergeSpans(cuts);
  if (holes.length === 0) return spans.slice();
  const out: WeightedSpan[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const hole of holes) {
      if (hole.end <= cursor) continue;
      if (hole.start >= span.end) break;
      if (hole.start > cursor) out.push({ start: cursor, end: hole.start, weight: span.weight });
      cursor = Math.max(cursor, hole.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) out.push({ start: cursor, end: span.end, weight: span.weight });
  }
  return out;
}

/**
 * Combines components into one figure (a function group, the whole service). At each instant
 * the function is down with the heaviest weight among its components; only when none is down
 * does one component's excluded time (announced maintenance, excluded incident) exclude the
 * instant. So an unexcused outage on one component is never hidden by another's maintenance.
 */
export function combineTimelines(timelines: readonly ComponentTimeline[]): { downtimeMs: number; excludedMs: number } {
  const downtime = timelines.flatMap((t) => t.downtime);
  // ∫ max weight = Σ over weight levels w₁ > w₂ > … of (wₖ − wₖ₊₁) × |time with weight ≥ wₖ|.
  const levels = weightsDescending(downtime);
  let downtimeMs = 0;
  let anyDowntime: Span[] = [];
  levels.forEach((weight, k) => {
    anyDowntime = mergeSpans(downtime.filter((s) => s.weight >= weight));
    downtimeMs += (weight - (levels[k + 1] ?? 0)) * totalMs(anyDowntime);
  });
  const excluded = timelines.flatMap((t) => t.excluded);
  const excludedMs = excluded.length ? totalMs(mergeSpans([...anyDowntime, ...excluded])) - totalMs(anyDowntime) : 0;
  return { downtimeMs, excludedMs };
}

// One rounding rule for every copy of the SLA report (screen, print, CSV, JSON), stated in the
// report: figures are computed from exact instants and verdicts judged on exact values; what is
// shown is cut, never rounded up — percentages to 4 decimal places, minutes to 2.

export const REPORT_ROUNDING = { percentDecimals: 4, minuteDecimals: 2 } as const;

export function cutTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.floor(value * scale + 1e-9) / scale;
}

export const reportPercent = (value: number) => cutTo(value, REPORT_ROUNDING.percentDecimals);
export const reportMinutes = (value: number) => cutTo(value, REPORT_ROUNDING.minuteDecimals);

/** JSON.stringify replacer: the same cut for every `…Percent` and `…Minutes` number. */
export function roundReportNumbers(key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (key.endsWith('Percent')) return reportPercent(value);
  if (key.endsWith('Minutes')) return reportMinutes(value);
  return value;
}

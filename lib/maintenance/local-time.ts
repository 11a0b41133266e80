// The console's <input type="datetime-local"> speaks wall-clock time in the page's zone
// ("2026-12-04T22:00"); services speak instants. These convert between the two.
import { TZDate } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;

/** The instant, or null for anything that is not a real local date and time. */
export function localInputToInstant(value: string, timeZone: string): Date | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const local = new TZDate(year, month - 1, day, hour, minute, timeZone);
  // Reject rolled-over values such as 2026-02-30 instead of silently moving them.
  if (
    local.getFullYear() !== year ||
    local.getMonth() !== month - 1 ||
    local.getDate() !== day ||
    local.getHours() !== hour ||
    local.getMinutes() !== minute
  )
    return null;
  return new Date(local.getTime());
}

export function instantToLocalInput(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

import { z } from 'zod';

// Monitor vocabulary and the type-specific settings, shared by the engine, the services, the
// API and the console forms (no database or Node imports here).

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'push'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

export const MONITOR_STATES = ['pending', 'up', 'down'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export const MIN_INTERVAL_SECONDS = 10;
export const MAX_INTERVAL_SECONDS = 86_400;

/** "200-299,301" → accepted status codes; the default accepts any 2xx. */
const statusList = z
  .string()
  .trim()
  .max(200)
  .regex(/^\s*\d{3}(\s*-\s*\d{3})?(\s*,\s*\d{3}(\s*-\s*\d{3})?)*\s*$/, 'invalid_status_list');

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'invalid_header');
const headerValue = z
  .string()
  .max(2000)
  .regex(/^[^\r\n]*$/, 'invalid_header');

export const monitorSettingsSchema = z.object({
  method: z.enum(HTTP_METHODS).optional(),
  headers: z
    .record(headerName, headerValue)
    .refine((h) => Object.keys(h).length <= 30, 'too_many_headers')
    .optional(),
  body: z.string().max(10_000).optional(),
  expectedStatus: statusList.optional(),
  keyword: z.string().min(1).max(500).optional(),
  /** `$.data.status` or `status.items[0].name`; the value found must equal jsonExpected. */
  jsonPath: z
    .string()
    .max(200)
    .regex(/^\$?(\.?[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])+$/, 'invalid_json_path')
    .optional(),
  jsonExpected: z.string().max(500).optional(),
  latencyThresholdMs: z.number().int().min(1).max(120_000).optional(),
  followRedirects: z.boolean().optional(),
  tlsExpiryDays: z.number().int().min(1).max(365).optional(),
  ignoreTlsErrors: z.boolean().optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  recordType: z.enum(DNS_RECORD_TYPES).optional(),
  expectedValue: z.string().max(500).optional(),
  /** DNS server to ask ("1.1.1.1", "127.0.0.1:5353"); the system resolver when unset. */
  resolver: z
    .string()
    .max(100)
    .regex(/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-fA-F:]+\](:\d{1,5})?)$/, 'invalid_resolver')
    .optional(),
  /** Push monitors: extra silence tolerated after the interval. */
  graceSeconds: z.number().int().min(0).max(86_400).optional(),
});
export type MonitorSettings = z.output<typeof monitorSettingsSchema>;

/** Whether a status code passes the monitor's list (default: any 2xx). */
export function statusAccepted(code: number, list: string | undefined): boolean {
  if (!list?.trim()) return code >= 200 && code < 300;
  return list.split(',').some((part) => {
    const [low, high] = part.split('-').map((s) => Number(s.trim()));
    return high === undefined ? code === low : code >= low && code <= high;
  });
}

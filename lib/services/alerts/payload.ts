import { z } from 'zod';

// Prometheus Alertmanager's webhook body, version 4. Alertmanager re-sends the whole group on
// every group_interval/repeat_interval, so alerts are applied once per fingerprint + startsAt.

const labels = z.record(z.string(), z.string());
const time = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels,
  annotations: labels.default({}),
  startsAt: time,
  /** 0001-01-01T00:00:00Z while firing. */
  endsAt: time,
  generatorURL: z.string().default(''),
  fingerprint: z.string().min(1).max(200),
});

export const alertmanagerPayload = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: labels.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(alertSchema).max(1000),
});

export type AlertmanagerPayload = z.output<typeof alertmanagerPayload>;
export type Alert = z.output<typeof alertSchema>;

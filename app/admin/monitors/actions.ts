'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { t } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import type { CheckResult } from '@/lib/monitors/checks/types';
import { setAlertPreferences } from '@/lib/services/monitors/alert-preferences';
import { createMonitor } from '@/lib/services/monitors/create';
import { deleteMonitor } from '@/lib/services/monitors/delete';
import { editMonitor } from '@/lib/services/monitors/edit';
import { testMonitorNow } from '@/lib/services/monitors/test-now';
import { alertPreferencesForm, monitorForm } from './form';

type Saved = { kind: 'saved'; id: string } | { kind: 'tested'; result: CheckResult };

function testMessage(result: CheckResult, locale: Locale): string {
  const tr = t(locale, 'monitors');
  const latency = result.latencyMs === null ? '' : tr('test.latency', { ms: result.latencyMs });
  const code = result.statusCode ? ` HTTP ${result.statusCode}` : '';
  const base = result.ok
    ? tr('test.ok', { details: `${latency}${code}`.trim() || '-' })
    : tr('test.failed', { error: result.error ?? '-' });
  return result.warning ? `${base} ${tr('test.warning', { warning: result.warning })}` : base;
}

const done = (result: Saved, _input: unknown, locale: Locale) =>
  result.kind === 'tested'
    ? { message: testMessage(result.result, locale), keepValues: true }
    : { redirectTo: `/admin/monitors/${result.id}?saved=1` };

export const createMonitorAction = formAction({
  namespace: 'monitors',
  form: monitorForm,
  run: async (ctx, { intent, input }): Promise<Saved> =>
    intent === 'test'
      ? { kind: 'tested', result: await testMonitorNow({ ctx, input }) }
      : { kind: 'saved', ...(await createMonitor({ ctx, input })) },
  done,
});

export const editMonitorAction = formAction({
  namespace: 'monitors',
  form: monitorForm,
  run: async (ctx, { intent, id, input }): Promise<Saved> => {
    if (intent === 'test') return { kind: 'tested', result: await testMonitorNow({ ctx, input }) };
    const { type: _fixed, ...changes } = input;
    return { kind: 'saved', ...(await editMonitor({ ctx, input: { id: id ?? '', changes } })) };
  },
  done,
});

export const deleteMonitorAction = formAction({
  namespace: 'monitors',
  form: z.object({ id: z.string(), confirm: z.literal('on', { message: 'confirm_required' }) }),
  run: (ctx, { id }) => deleteMonitor({ ctx, input: { id } }),
  done: () => ({ redirectTo: '/admin/monitors?deleted=1' }),
});

export const alertPreferencesAction = formAction({
  namespace: 'monitors',
  form: alertPreferencesForm,
  run: (ctx, input) => setAlertPreferences({ ctx, input }),
  done: (_r, _i, locale) => ({ message: t(locale, 'monitors')('alerts.saved') }),
});

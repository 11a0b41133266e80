'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { checkbox, componentStatusSelects, fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { SLA_EXCLUSION_KINDS } from '@/lib/domain/statuses';
import { openIncident, openIncidentInput } from '@/lib/services/incidents/open';
import { postIncidentUpdate, postIncidentUpdateInput } from '@/lib/services/incidents/post-update';
import { resolveIncident, resolveIncidentInput } from '@/lib/services/incidents/resolve';
import { editIncidentUpdate, editIncidentUpdateInput } from '@/lib/services/incidents/edit-update';
import { savePostmortem, postmortemInput } from '@/lib/services/incidents/postmortem';
import { setSlaExclusion } from '@/lib/services/incidents/sla-exclusion';
import { editIncident, editIncidentInput } from '@/lib/services/incidents/edit';
import { publishIncident, publishIncidentInput } from '@/lib/services/incidents/publish';

// Component choices arrive as selects named "components.<componentId>"; services take a list.

const saved = (key: string) => (_: unknown, __: unknown, locale: 'ja' | 'en') => ({
  message: t(locale, 'admin')(`incidents.saved.${key}`),
});

export const openIncidentAction = formAction({
  form: fromForm(openIncidentInput.extend({ components: componentStatusSelects, notify: checkbox }), {
    localTimes: ['detectedAt', 'startedAt'],
  }),
  run: (ctx, input) => openIncident({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/incidents/${result.id}?saved=opened` }),
});

export const postUpdateAction = formAction({
  form: fromForm(postIncidentUpdateInput.extend({ components: componentStatusSelects, notify: checkbox })),
  run: (ctx, input) => postIncidentUpdate({ ctx, input }),
  done: saved('posted'),
});

export const resolveAction = formAction({
  form: fromForm(resolveIncidentInput.extend({ components: componentStatusSelects, notify: checkbox }), {
    localTimes: ['resolvedAt'],
  }),
  run: (ctx, input) => resolveIncident({ ctx, input }),
  // The resolve form disappears with the open incident, so its confirmation travels in the URL.
  done: (result) => ({ redirectTo: `/admin/incidents/${result.id}?saved=resolved` }),
});

export const editUpdateAction = formAction({
  form: fromForm(editIncidentUpdateInput),
  run: (ctx, input) => editIncidentUpdate({ ctx, input }),
  done: saved('corrected'),
});

export const postmortemAction = formAction({
  form: fromForm(postmortemInput),
  run: (ctx, input) => savePostmortem({ ctx, input }),
  done: saved('postmortem'),
});

export const slaExclusionAction = formAction({
  form: fromForm(
    z
      .object({
        incidentId: z.string(),
        excluded: checkbox,
        kind: z.enum(SLA_EXCLUSION_KINDS).optional(),
        reason: z.string().max(1000).optional(),
      })
      .transform((v) =>
        v.excluded
          ? { incidentId: v.incidentId, excluded: true as const, kind: v.kind!, reason: v.reason ?? '' }
          : { incidentId: v.incidentId, excluded: false as const },
      ),
  ),
  run: (ctx, input) => setSlaExclusion({ ctx, input }),
  done: saved('sla'),
});

export const editIncidentAction = formAction({
  form: fromForm(editIncidentInput, { localTimes: ['detectedAt', 'startedAt'] }),
  run: (ctx, input) => editIncident({ ctx, input }),
  done: saved('edited'),
});

export const publishAction = formAction({
  form: fromForm(publishIncidentInput.extend({ notify: checkbox })),
  run: (ctx, input) => publishIncident({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/incidents/${result.id}?saved=published` }),
});

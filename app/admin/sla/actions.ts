'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { env } from '@/lib/env';
import { verifyEvidence } from '@/lib/services/sla-reports/sla-report';
import { applyPolicyTemplate } from '@/lib/services/sla-policies/apply-template';
import { checkbox } from '@/lib/actions/fields';
import { replaceSlaPolicy } from '@/lib/services/sla-policies/replace';
import { chainVerdictText } from './_ui/chain-text';

// The services check the role (admins edit policies; anyone signed in may verify the chain).
const policyForm = z.looseObject({ serviceId: z.string() });
const savedPage = (serviceId: string) => ({
  redirectTo: `/admin/sla/policy?service=${encodeURIComponent(serviceId)}&saved=1`,
});

export const templatePolicyAction = formAction({
  namespace: 'sla',
  form: z.looseObject({ serviceId: z.string(), confirm: checkbox }),
  run: (ctx, input) => applyPolicyTemplate({ ctx, input }),
  done: (_result, input) => ({ redirectTo: `/admin/sla/policy?service=${encodeURIComponent(input.serviceId)}&template=1` }),
});

export const replacePolicyAction = formAction({
  namespace: 'sla',
  form: policyForm,
  run: (ctx, input) => replaceSlaPolicy({ ctx, input }),
  done: (_result, input) => savedPage(input.serviceId),
});

export const verifyChainAction = formAction({
  namespace: 'sla',
  form: z.object({}),
  run: (ctx) => verifyEvidence({ ctx }),
  done: (result, _input, locale) => ({
    message: chainVerdictText(result.verdict, result.verifiedAt, locale, env().TZ_DISPLAY),
  }),
});

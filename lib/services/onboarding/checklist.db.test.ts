import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { demoRows, invitations, pages } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { editBranding } from '../branding/edit';
import { createComponent } from '../components/create';
import { createService } from '../services/create';
import { getOnboardingChecklist, type OnboardingConfig } from './checklist';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;
const bare: OnboardingConfig = {
  PUBLIC_BASE_URL: undefined,
  SMTP_URL: undefined,
  LINE_CHANNEL_ACCESS_TOKEN: undefined,
  LINE_CHANNEL_SECRET: undefined,
  CHATWORK_API_TOKEN: undefined,
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

const states = async (config: OnboardingConfig = bare) => {
  const { items, complete } = await getOnboardingChecklist({ ctx: as.admin, config });
  return { complete, ...Object.fromEntries(items.map((i) => [i.key, i.done])) };
};

describe('the first-run checklist', () => {
  it('is for admins only', async () => {
    await expect(getOnboardingChecklist({ ctx: as.operator, config: bare })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('turns each item green from what is really stored or configured', async () => {
    // contextsByRole made three users: operators count as invited already.
    expect(await states()).toEqual({
      complete: false,
      page: false,
      branding: false,
      services: false,
      sla: false,
      mail: false,
      line: false,
      chatwork: false,
      operators: true,
      demo: true,
    });
    await handle.db.update(pages).set({ publicUrl: 'https://status.example.test' });
    await editBranding({ ctx: as.admin, input: { brandColor: '#0550ae' } });
    const { id: serviceId } = await createService({ ctx: as.admin, input: { name: 'コール', template: 'call_center_98' } });
    expect(await states()).toMatchObject({ page: true, branding: true, services: false, sla: true });
    await createComponent({ ctx: as.admin, input: { name: '通話', serviceId, functionGroup: 'calling' } });
    expect(await states()).toMatchObject({ services: true, complete: false });
    const configured = {
      ...bare,
      SMTP_URL: 'smtp://mail.example.test:587',
      LINE_CHANNEL_ACCESS_TOKEN: 'x',
      LINE_CHANNEL_SECRET: 'y',
    };
    expect(await states(configured)).toMatchObject({ mail: true, line: true, chatwork: false, complete: true });
    // Demo rows left behind hold the list open again.
    await handle.db.insert(demoRows).values({ entityType: 'service', entityId: serviceId });
    expect(await states(configured)).toMatchObject({ demo: false, complete: false });
  });

  it('names the variables to set, never their values, and the LINE webhook address', async () => {
    const { items } = await getOnboardingChecklist({ ctx: as.admin, config: { ...bare, LINE_CHANNEL_SECRET: 'secret-value' } });
    const line = items.find((i) => i.key === 'line')!;
    expect(line).toMatchObject({
      done: false,
      optional: true,
      variables: ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET', 'LINE_ADD_FRIEND_URL'],
      facts: { webhook: 'https://status.example.test/api/webhooks/line' },
    });
    expect(JSON.stringify(items)).not.toContain('secret-value');
    await handle.db
      .insert(invitations)
      .values({ tokenHash: 'h', email: 'x@example.test', role: 'operator', expiresAt: new Date(Date.now() + 86_400_000) });
    expect(items.find((i) => i.key === 'operators')?.done).toBe(true);
  });
});

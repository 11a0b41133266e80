import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { auditLog, services, slaPolicies } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage } from '../../../test/factories';
import { createUser } from '../../../test/maintenance-fixtures';
import type { ServiceError } from '../../errors';
import { callCenterPolicy, marketingPolicy } from '../../sla/templates';
import type { Actor } from '../context';
import { applyPolicyTemplate } from './apply-template';
import { getSlaPolicyEditor } from './get';
import { replaceSlaPolicy } from './replace';

let handle: DatabaseHandle;
let serviceId: string;
let admin: Actor;
let operator: Actor;
let viewer: Actor;
const at = new Date('2026-11-23T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  const page = await createPage(handle.db);
  const [service] = await handle.db.insert(services).values({ pageId: page.id, slug: 'ma', name: 'マーケティング' }).returning();
  serviceId = service.id;
  await createComponent(handle.db, page.id, { serviceId, functionGroup: 'client' });
  [admin, operator, viewer] = await Promise.all([
    createUser(handle.db, 'admin'),
    createUser(handle.db, 'operator'),
    createUser(handle.db, 'viewer'),
  ]);
});
afterAll(() => handle.close());

const ctx = (actor: Actor) => ({ db: handle.db, actor, now: () => at });
const stored = async () => (await handle.db.select().from(slaPolicies).where(eq(slaPolicies.serviceId, serviceId)))[0] ?? null;
const audits = async () => handle.db.select().from(auditLog).where(eq(auditLog.entityId, serviceId));
async function failure(run: Promise<unknown>): Promise<ServiceError> {
  try {
    await run;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

describe('editing SLA policies', () => {
  it('refuses operators and viewers, and writes nothing', async () => {
    const json = JSON.stringify(marketingPolicy);
    for (const actor of [operator, viewer]) {
      expect(await failure(replaceSlaPolicy({ ctx: ctx(actor), input: { serviceId, policyJson: json } }))).toMatchObject({
        code: 'forbidden',
      });
      expect(
        await failure(applyPolicyTemplate({ ctx: ctx(actor), input: { serviceId, template: 'blank', confirm: true } })),
      ).toMatchObject({ code: 'forbidden' });
      expect(await failure(getSlaPolicyEditor({ ctx: ctx(actor), input: { serviceId } }))).toMatchObject({ code: 'forbidden' });
    }
    expect(await stored()).toBeNull();
    expect(await audits()).toEqual([]);
  });

  it('names JSON problems by syntax and by path, and stores nothing', async () => {
    const input = (policyJson: string) => ({ ctx: ctx(admin), input: { serviceId, policyJson } });
    expect(await failure(replaceSlaPolicy(input('{"timeZone": ')))).toMatchObject({
      code: 'invalid',
      fieldErrors: { policyJson: ['json_syntax'] },
    });
    const bad = {
      ...marketingPolicy,
      functionGroups: [{ ...marketingPolicy.functionGroups[0], targetPercent: 120 }, marketingPolicy.functionGroups[1]],
    };
    expect(await failure(replaceSlaPolicy(input(JSON.stringify(bad))))).toMatchObject({
      code: 'invalid',
      fieldErrors: { policyJson: ['json_invalid'], 'functionGroups.0.targetPercent': ['percent_range'] },
    });
    expect(await stored()).toBeNull();
  });

  it('stores a first policy from JSON with its audit row, then refuses a stale editor', async () => {
    const first = await getSlaPolicyEditor({ ctx: ctx(admin), input: { serviceId } });
    expect(first).toMatchObject({ stored: false, expectedUpdatedAt: '' });
    await replaceSlaPolicy({
      ctx: ctx(admin),
      input: { serviceId, expectedUpdatedAt: '', policyJson: JSON.stringify(marketingPolicy) },
    });
    expect((await stored())!.policy).toEqual(marketingPolicy);
    expect(await audits()).toMatchObject([
      {
        action: 'sla_policy.replace',
        entityType: 'sla_policy',
        before: null,
        after: marketingPolicy,
        actorLabel: `user:${(admin as { email: string }).email}`,
      },
    ]);
    // The same (now stale) editor saves again: somebody else's change would be lost.
    expect(
      await failure(
        replaceSlaPolicy({
          ctx: ctx(admin),
          input: { serviceId, expectedUpdatedAt: '', policyJson: JSON.stringify(marketingPolicy) },
        }),
      ),
    ).toMatchObject({
      code: 'conflict',
      messageKey: 'policy_changed',
    });
  });

  it('replaces the policy with a template once the admin confirms, audited, and refuses a stale editor', async () => {
    const editor = await getSlaPolicyEditor({ ctx: ctx(admin), input: { serviceId } });
    expect(editor.expectedUpdatedAt).toBe(at.toISOString());
    const input = { serviceId, expectedUpdatedAt: editor.expectedUpdatedAt, template: 'call_center_98' };
    expect(await failure(applyPolicyTemplate({ ctx: ctx(admin), input }))).toMatchObject({
      code: 'invalid',
      fieldErrors: { confirm: ['confirm_required'] },
    });
    expect(
      await failure(applyPolicyTemplate({ ctx: ctx(admin), input: { ...input, template: 'gold', confirm: true } })),
    ).toMatchObject({ fieldErrors: { template: ['invalid_choice'] } });
    expect((await stored())!.policy).toEqual(marketingPolicy);
    const later = { ...ctx(admin), now: () => new Date(at.getTime() + 60_000) };
    await applyPolicyTemplate({ ctx: later, input: { ...input, confirm: true } });
    expect((await stored())!.policy).toEqual(callCenterPolicy);
    const rows = await audits();
    expect(rows.map((r) => r.action)).toEqual(['sla_policy.replace', 'sla_policy.template']);
    expect(rows[1].before).toEqual(marketingPolicy);
    expect(await failure(applyPolicyTemplate({ ctx: later, input: { ...input, confirm: true } }))).toMatchObject({
      code: 'conflict',
      messageKey: 'policy_changed',
    });
  });

  it('shows the stored JSON as saved when it no longer validates, so an admin can repair it', async () => {
    await handle.db
      .update(slaPolicies)
      .set({ policy: { timeZone: 'Asia/Tokyo' } })
      .where(eq(slaPolicies.serviceId, serviceId));
    const editor = await getSlaPolicyEditor({ ctx: ctx(admin), input: { serviceId } });
    expect(editor.stored).toBe(false);
    expect(JSON.parse(editor.json)).toEqual({ timeZone: 'Asia/Tokyo' });
    expect(
      await failure(getSlaPolicyEditor({ ctx: ctx(admin), input: { serviceId: '00000000-0000-4000-8000-000000000000' } })),
    ).toMatchObject({ code: 'not_found' });
  });
});

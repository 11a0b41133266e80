import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, devMailbox, invitations, sessions, users } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextFor, contextsByRole, createUser } from '@/test/console-fixtures';
import { createSession, findSessionUser } from '@/lib/services/sessions/sessions';
import { signIn } from '@/lib/services/sessions/sign-in';
import type { ServiceContext } from '../context';
import { inviteUser, INVITATION_TTL_MS } from './invite';
import { acceptInvitation, findOpenInvitation } from './accept-invitation';
import { changeUserRole } from './change-role';
import { disableUser } from './disable';
import { enableUser } from './enable';
import { revokeInvitation } from './revoke-invitation';
import { listUsers } from './list';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;
const SITE = 'http://127.0.0.1:3100';

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

const tokenFromMail = async (to: string) => {
  const [mail] = await handle.db.select().from(devMailbox).where(eq(devMailbox.to, to));
  return mail.text.match(/\/admin\/invitations\/([A-Za-z0-9_-]+)/)![1];
};

describe('invitations', () => {
  it('an admin invites by email; the link sets a password once and signs in with the invited role', async () => {
    const result = await inviteUser({
      ctx: as.admin,
      input: { email: 'New.Operator@Example.com', role: 'operator' },
      siteUrl: SITE,
    });
    expect(result).toMatchObject({ email: 'new.operator@example.com', mailed: true });
    const [mail] = await handle.db.select().from(devMailbox).where(eq(devMailbox.to, 'new.operator@example.com'));
    expect(mail.text).toContain(`${SITE}/admin/invitations/`);
    const token = await tokenFromMail('new.operator@example.com');
    const [stored] = await handle.db.select().from(invitations).where(eq(invitations.email, 'new.operator@example.com'));
    expect(stored.tokenHash).not.toContain(token);

    expect(await findOpenInvitation(handle.db, token)).toEqual({ email: 'new.operator@example.com', role: 'operator' });
    await acceptInvitation(handle.db, { token, name: '新人', password: 'operator-password-1' });
    await expect(acceptInvitation(handle.db, { token, password: 'operator-password-2' })).rejects.toMatchObject({
      code: 'not_found',
      messageKey: 'invitation_invalid',
    });
    const signedIn = await signIn(handle.db, {
      email: 'new.operator@example.com',
      password: 'operator-password-1',
      ip: '127.0.0.1',
    });
    expect(signedIn.kind === 'signed-in' && signedIn.user.role).toBe('operator');
  });

  it('expired, unknown and revoked links do not work', async () => {
    const now = new Date();
    await inviteUser({
      ctx: contextFor(handle.db, as.users.admin, now),
      input: { email: 'late@example.com', role: 'viewer' },
      siteUrl: SITE,
    });
    const token = await tokenFromMail('late@example.com');
    await expect(
      acceptInvitation(handle.db, { token, password: 'viewer-password-1' }, new Date(now.getTime() + INVITATION_TTL_MS + 1)),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(acceptInvitation(handle.db, { token: 'x'.repeat(43), password: 'viewer-password-1' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await revokeInvitation({ ctx: as.admin, input: { email: 'late@example.com' } });
    await expect(acceptInvitation(handle.db, { token, password: 'viewer-password-1' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await handle.db.select().from(users).where(eq(users.email, 'late@example.com'))).toHaveLength(0);
  });

  it('refuses to invite an existing user', async () => {
    await expect(
      inviteUser({ ctx: as.admin, input: { email: as.users.viewer.email, role: 'admin' }, siteUrl: SITE }),
    ).rejects.toMatchObject({
      code: 'conflict',
      fieldErrors: { email: ['email_taken'] },
    });
  });
});

describe('user management', () => {
  it('disabling a user ends their sessions at once; enabling lets them back', async () => {
    const user = await createUser(handle.db, 'operator', { password: 'operator-password-1' });
    const session = await createSession(handle.db, { userId: user.id, ip: '127.0.0.1', now: new Date() });
    await disableUser({ ctx: as.admin, input: { userId: user.id } });
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await findSessionUser(handle.db, session.token, new Date())).toBeNull();
    expect((await signIn(handle.db, { email: user.email, password: 'operator-password-1', ip: '127.0.0.2' })).kind).toBe(
      'refused',
    );
    await enableUser({ ctx: as.admin, input: { userId: user.id } });
    expect((await signIn(handle.db, { email: user.email, password: 'operator-password-1', ip: '127.0.0.2' })).kind).toBe(
      'signed-in',
    );
  });

  it('a role change applies to existing sessions on their next request', async () => {
    const user = await createUser(handle.db, 'viewer');
    const session = await createSession(handle.db, { userId: user.id, ip: null, now: new Date() });
    await changeUserRole({ ctx: as.admin, input: { userId: user.id, role: 'operator' } });
    expect((await findSessionUser(handle.db, session.token, new Date()))?.role).toBe('operator');
  });

  it('keeps at least one active admin and stops admins locking themselves out', async () => {
    await expect(disableUser({ ctx: as.admin, input: { userId: as.users.admin.id } })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'not_self',
    });
    await expect(changeUserRole({ ctx: as.admin, input: { userId: as.users.admin.id, role: 'viewer' } })).rejects.toMatchObject({
      messageKey: 'not_self',
    });
    const second = await createUser(handle.db, 'admin');
    const secondCtx = contextFor(handle.db, second);
    await disableUser({ ctx: secondCtx, input: { userId: as.users.admin.id } });
    // `second` is now the only active admin; a system actor cannot remove them either.
    await expect(
      disableUser({
        ctx: { db: handle.db, actor: { kind: 'system', name: 'test', role: 'admin' } },
        input: { userId: second.id },
      }),
    ).rejects.toMatchObject({
      messageKey: 'last_admin',
    });
    await enableUser({ ctx: secondCtx, input: { userId: as.users.admin.id } });
  });

  it('operators and viewers cannot manage users, and nothing changes', async () => {
    const target = await createUser(handle.db, 'viewer');
    const before = (await handle.db.select({ n: count() }).from(auditLog))[0].n;
    const attempts: ((ctx: ServiceContext) => Promise<unknown>)[] = [
      (ctx) => inviteUser({ ctx, input: { email: 'x@example.com', role: 'admin' }, siteUrl: SITE }),
      (ctx) => changeUserRole({ ctx, input: { userId: target.id, role: 'admin' } }),
      (ctx) => disableUser({ ctx, input: { userId: target.id } }),
      (ctx) => enableUser({ ctx, input: { userId: target.id } }),
      (ctx) => revokeInvitation({ ctx, input: { email: 'x@example.com' } }),
      (ctx) => listUsers({ ctx }),
    ];
    for (const ctx of [as.operator, as.viewer])
      for (const attempt of attempts) await expect(attempt(ctx)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await handle.db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
    expect(await handle.db.select().from(invitations).where(eq(invitations.email, 'x@example.com'))).toHaveLength(0);
  });

  it('lists users without secrets', async () => {
    const { users: list } = await listUsers({ ctx: as.admin });
    expect(list.length).toBeGreaterThan(3);
    for (const u of list) expect(Object.keys(u)).not.toContain('passwordHash');
  });
});

import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { components, demoRows, invitations, pageAssets, pageBranding, services, slaPolicies, users } from '../../../db/schema';
import { env, type Env } from '../../env';
import { resolvePage } from '../../pages/context';
import { slaPolicySchema } from '../../sla/policy';
import { ADMINS, nowOf, requireRole, type ServiceContext } from '../context';

// The first-run checklist: each item is read from the database or the configuration, never
// ticked by hand, so it turns green the moment the thing is really done (and red if undone).

export type ChecklistKey = 'page' | 'branding' | 'services' | 'sla' | 'mail' | 'line' | 'chatwork' | 'operators' | 'demo';
export type ChecklistItem = {
  key: ChecklistKey;
  done: boolean;
  /** LINE and Chatwork are channels an operator may not use: they never hold the list open. */
  optional: boolean;
  href: string;
  /** Configuration variables that would complete the item (names only, never values). */
  variables?: string[];
  /** Facts for the item's sentence (counts, addresses). */
  facts?: Record<string, string | number>;
};

export type OnboardingConfig = Pick<
  Env,
  'PUBLIC_BASE_URL' | 'SMTP_URL' | 'LINE_CHANNEL_ACCESS_TOKEN' | 'LINE_CHANNEL_SECRET' | 'CHATWORK_API_TOKEN'
>;

export async function getOnboardingChecklist({ ctx, config = env() }: { ctx: ServiceContext; config?: OnboardingConfig }) {
  requireRole(ctx, ADMINS);
  const db = ctx.db;
  const page = await resolvePage(db);
  const [[branding], [assets], liveServices, [members], [activeUsers], [openInvites], [demo]] = await Promise.all([
    db.select({ brandColor: pageBranding.brandColor }).from(pageBranding).where(eq(pageBranding.pageId, page.id)),
    db.select({ n: count() }).from(pageAssets).where(eq(pageAssets.pageId, page.id)),
    db
      .select({ id: services.id, policy: slaPolicies.policy })
      .from(services)
      .leftJoin(slaPolicies, eq(slaPolicies.serviceId, services.id))
      .where(and(eq(services.pageId, page.id), isNull(services.archivedAt))),
    db
      .select({ n: count() })
      .from(components)
      .innerJoin(services, eq(services.id, components.serviceId))
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt), isNull(services.archivedAt))),
    db.select({ n: count() }).from(users).where(isNull(users.disabledAt)),
    db
      .select({ n: count() })
      .from(invitations)
      .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, nowOf(ctx)))),
    db.select({ n: count() }).from(demoRows),
  ]);
  const publicUrl = page.publicUrl ?? config.PUBLIC_BASE_URL ?? null;
  const withPolicy = liveServices.filter((s) => s.policy && slaPolicySchema.safeParse(s.policy).success).length;
  const webhookBase = publicUrl ?? 'https://status.example.com';
  const items: ChecklistItem[] = [
    {
      key: 'page',
      done: Boolean(page.publicUrl ?? config.PUBLIC_BASE_URL),
      optional: false,
      href: '/admin/settings',
      facts: { name: page.name, url: publicUrl ?? '' },
    },
    { key: 'branding', done: Boolean(branding?.brandColor) || assets.n > 0, optional: false, href: '/admin/settings/branding' },
    {
      key: 'services',
      done: liveServices.length > 0 && members.n > 0,
      optional: false,
      href: '/admin/services',
      facts: { services: liveServices.length, components: members.n },
    },
    { key: 'sla', done: withPolicy > 0, optional: false, href: '/admin/services', facts: { services: withPolicy } },
    {
      key: 'mail',
      done: Boolean(config.SMTP_URL),
      optional: false,
      href: '/admin/mailbox',
      variables: ['SMTP_URL', 'MAIL_FROM'],
    },
    {
      key: 'line',
      done: Boolean(config.LINE_CHANNEL_ACCESS_TOKEN && config.LINE_CHANNEL_SECRET),
      optional: true,
      href: '/admin/subscribers',
      variables: ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET', 'LINE_ADD_FRIEND_URL'],
      facts: { webhook: `${webhookBase.replace(/\/$/, '')}/api/webhooks/line` },
    },
    {
      key: 'chatwork',
      done: Boolean(config.CHATWORK_API_TOKEN),
      optional: true,
      href: '/admin/subscribers',
      variables: ['CHATWORK_API_TOKEN', 'CHATWORK_WEBHOOK_TOKEN'],
    },
    {
      key: 'operators',
      done: activeUsers.n > 1 || openInvites.n > 0,
      optional: false,
      href: '/admin/users',
      facts: { users: activeUsers.n, invitations: openInvites.n },
    },
    { key: 'demo', done: demo.n === 0, optional: false, href: '/admin/settings#demo-data' },
  ];
  return { items, complete: items.every((item) => item.done || item.optional) };
}

import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { openTotpSecret, type TotpKeySource } from '../../lib/services/sessions/totp-sealing';
import { systemActor } from '../../lib/services/context';
import { getSlaPolicyEditor } from '../../lib/services/sla-policies/get';
import type { ConsoleFixtures } from './console-fixtures';

// Every console server action with a form a real operator could submit (field names as the
// console's forms post them), the role its service requires, and whether a success changes
// the fixture others point at (those run last). Fuzzing mutates these forms.

export type FormFields = Record<string, string | string[]>;
export type Requirement = 'admin' | 'writer' | 'signed-in';

export interface ConsoleActionCase {
  module: string;
  name: string;
  requires: Requirement;
  /** A success removes or retires the fixture it names. */
  consumes?: boolean;
  form(db: Db, f: ConsoleFixtures): FormFields | Promise<FormFields>;
}

const policyForm = async (db: Db, f: ConsoleFixtures) => {
  const editor = await getSlaPolicyEditor({ ctx: { db, actor: systemActor('fixture') }, input: { serviceId: f.serviceId } });
  return { serviceId: f.serviceId, expectedUpdatedAt: editor.expectedUpdatedAt, json: editor.json };
};

/** The code the fixture user's authenticator would show now for the secret being enrolled. */
async function currentTotp(db: Db, userId: string, keys: TotpKeySource): Promise<string> {
  const [user] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  const secret = await openTotpSecret(db, userId, user?.secret ?? null, keys);
  return secret ? new TOTP({ secret: Secret.fromBase32(secret) }).generate() : '000000';
}

export const CONSOLE_ACTIONS: ConsoleActionCase[] = [
  // Components and groups
  {
    module: 'app/admin/components/actions.ts',
    name: 'createComponentAction',
    requires: 'writer',
    form: (_, f) => ({
      name: 'Hardening API',
      nameEn: 'API',
      description: '',
      groupId: f.groupId,
      serviceId: f.serviceId,
      functionGroup: 'calling',
      alertKey: 'api',
      onlyShowIfDegraded: 'on',
    }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'editComponentAction',
    requires: 'writer',
    form: (_, f) => ({
      id: f.spareComponent.id,
      name: f.spareComponent.name,
      nameEn: 'Spare',
      groupId: '',
      serviceId: f.serviceId,
      functionGroup: '',
    }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'reorderComponentAction',
    requires: 'writer',
    form: (_, f) => ({ id: f.componentId, direction: 'down' }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'setComponentStatusAction',
    requires: 'writer',
    form: (_, f) => ({ id: f.spareComponent.id, status: 'partial_outage' }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'createGroupAction',
    requires: 'writer',
    form: (_, f) => ({ name: 'Hardening group', serviceId: f.serviceId, functionGroup: '' }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'editGroupAction',
    requires: 'writer',
    form: (_, f) => ({ id: f.spareGroupId, name: 'Spare group', nameEn: 'Spare' }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'reorderGroupAction',
    requires: 'writer',
    form: (_, f) => ({ id: f.groupId, direction: 'down' }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'deleteComponentAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.spareComponent.id, confirmName: f.spareComponent.name }),
  },
  {
    module: 'app/admin/components/actions.ts',
    name: 'deleteGroupAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.spareGroupId, confirm: 'on' }),
  },
  // Incidents
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'openIncidentAction',
    requires: 'writer',
    form: (_, f) => ({
      title: '決済APIの遅延',
      severity: 'severe',
      status: 'investigating',
      body: '調査しています。',
      [`components.${f.componentId}`]: 'partial_outage',
      notify: 'on',
      timeZone: f.timeZone,
    }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'postUpdateAction',
    requires: 'writer',
    form: (_, f) => ({ incidentId: f.openIncidentId, status: 'identified', body: '原因を特定しました。', notify: 'on' }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'editUpdateAction',
    requires: 'writer',
    form: (_, f) => ({ incidentId: f.openIncidentId, updateId: f.openUpdateId, body: '調査しています（訂正）。' }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'postmortemAction',
    requires: 'writer',
    form: (_, f) => ({ incidentId: f.resolvedIncidentId, postmortem: '原因と再発防止策。' }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'slaExclusionAction',
    requires: 'writer',
    form: (_, f) => ({ incidentId: f.resolvedIncidentId, excluded: 'on', kind: 'third_party', reason: '通信事業者の障害' }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'editIncidentAction',
    requires: 'writer',
    form: (_, f) => ({
      incidentId: f.openIncidentId,
      title: 'Fixture incident',
      severity: 'minor',
      impact: 'minor',
      detectedAt: '2026-01-05T10:00',
      startedAt: '2026-01-05T09:55',
      timeZone: f.timeZone,
    }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'publishAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ incidentId: f.draftIncidentId, notify: 'on' }),
  },
  {
    module: 'app/admin/incidents/actions.ts',
    name: 'resolveAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ incidentId: f.openIncidentId, body: '復旧しました。', notify: 'on' }),
  },
  {
    module: 'app/admin/incidents/[id]/actions.ts',
    name: 'deleteDraftAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ incidentId: f.spareDraftIncidentId }),
  },
  {
    module: 'app/admin/incidents/[id]/actions.ts',
    name: 'withdrawIncidentAction',
    requires: 'admin',
    consumes: true,
    form: (_, f) => ({ incidentId: f.withdrawableIncidentId, reason: '誤って投稿しました' }),
  },
  // Templates
  {
    module: 'app/admin/templates/actions.ts',
    name: 'createTemplateAction',
    requires: 'writer',
    form: () => ({ name: 'Hardening', title: '遅延', body: '調査中です。', status: 'investigating', severity: 'minor' }),
  },
  {
    module: 'app/admin/templates/actions.ts',
    name: 'editTemplateAction',
    requires: 'writer',
    form: (_, f) => ({
      id: f.templateId,
      name: 'Fixture template',
      title: 'Slow',
      body: 'Still looking.',
      status: 'identified',
      severity: 'minor',
    }),
  },
  {
    module: 'app/admin/templates/actions.ts',
    name: 'deleteTemplateAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.templateId }),
  },
  // Maintenance
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'scheduleAction',
    requires: 'writer',
    form: (_, f) => ({
      title: 'DB upgrade',
      body: 'Planned.',
      scheduledStart: f.localStart,
      scheduledEnd: f.localEnd,
      expectedDowntimeMinutes: '10',
      'componentIds[]': [f.componentId],
    }),
  },
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'editAction',
    requires: 'writer',
    form: (_, f) => ({
      id: f.maintenanceId,
      title: 'Fixture maintenance (edited)',
      body: 'Planned work.',
      scheduledStart: f.localStart,
      scheduledEnd: f.localEnd,
      expectedDowntimeMinutes: '5',
      'componentIds[]': [f.componentId],
    }),
  },
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'postUpdateAction',
    requires: 'writer',
    form: (_, f) => ({ id: f.maintenanceId, body: 'Still planned.' }),
  },
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'completeAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.runningMaintenanceId, note: '' }),
  },
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'startAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.maintenanceId, note: 'Starting early.' }),
  },
  {
    module: 'app/admin/maintenance/actions.ts',
    name: 'cancelAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.cancellableMaintenanceId, reason: 'No longer needed.', confirm: 'on' }),
  },
  // Deliveries and subscribers
  {
    module: 'app/admin/deliveries/actions.ts',
    name: 'resendAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ 'deliveryIds[]': [String(f.deadDeliveryId)] }),
  },
  {
    module: 'app/admin/subscribers/actions.ts',
    name: 'removeSubscriberAction',
    requires: 'admin',
    consumes: true,
    form: (_, f) => ({ id: f.subscriberId }),
  },
  // Users, API keys
  {
    module: 'app/admin/users/actions.ts',
    name: 'inviteUserAction',
    requires: 'admin',
    form: () => ({ email: 'new-operator@example.test', role: 'operator', locale: 'ja' }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'revokeInvitationAction',
    requires: 'admin',
    consumes: true,
    form: () => ({ email: 'new-operator@example.test' }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'changeRoleAction',
    requires: 'admin',
    form: (_, f) => ({ userId: f.users.target.id, role: 'viewer' }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'disableUserAction',
    requires: 'admin',
    form: (_, f) => ({ userId: f.users.target.id }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'enableUserAction',
    requires: 'admin',
    form: (_, f) => ({ userId: f.users.target.id }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'unlockUserAction',
    requires: 'admin',
    form: (_, f) => ({ userId: f.users.target.id }),
  },
  {
    module: 'app/admin/users/actions.ts',
    name: 'resetTwoFactorAction',
    requires: 'admin',
    form: (_, f) => ({ userId: f.users.target.id }),
  },
  // Two-factor enrolment (each user for themselves): confirming needs the code of the secret just started.
  { module: 'app/admin/account/two-factor/actions.ts', name: 'startTwoFactorAction', requires: 'signed-in', form: () => ({}) },
  {
    module: 'app/admin/account/two-factor/actions.ts',
    name: 'confirmTwoFactorAction',
    requires: 'signed-in',
    consumes: true,
    form: async (db, f) => ({ code: await currentTotp(db, f.users.admin.id, f.totpKeys) }),
  },
  {
    module: 'app/admin/api-keys/actions.ts',
    name: 'createApiKeyAction',
    requires: 'admin',
    form: () => ({ name: 'deploy-bot' }),
  },
  {
    module: 'app/admin/api-keys/actions.ts',
    name: 'revokeApiKeyAction',
    requires: 'admin',
    consumes: true,
    form: (_, f) => ({ id: f.apiKeyId }),
  },
  // Page settings
  // Unchecked: turning the requirement on would leave the fixture admin without two-factor a viewer.
  { module: 'app/admin/settings/actions.ts', name: 'twoFactorPolicyAction', requires: 'admin', form: () => ({}) },
  {
    module: 'app/admin/settings/actions.ts',
    name: 'editPageAction',
    requires: 'admin',
    form: () => ({
      name: 'Shirase デモ ステータス',
      nameEn: 'Shirase demo status',
      publicUrl: '',
      timeZone: 'Asia/Tokyo',
      defaultLocale: 'ja',
      partialOutageWeight: '0.5',
    }),
  },
  {
    module: 'app/admin/settings/demo/actions.ts',
    name: 'removeDemoAction',
    requires: 'admin',
    consumes: true,
    form: () => ({ confirmation: 'remove demo' }),
  },
  // Branding
  {
    module: 'app/admin/settings/branding/actions.ts',
    name: 'editBrandingAction',
    requires: 'admin',
    form: () => ({
      brandColor: '#0a5c36',
      supportUrl: 'https://support.example.test',
      companyUrl: '',
      footerText: '株式会社例',
      footerTextEn: '',
      showCredit: 'on',
    }),
  },
  {
    module: 'app/admin/settings/branding/actions.ts',
    name: 'removeBrandImageAction',
    requires: 'admin',
    form: () => ({ kind: 'logo' }),
  },
  // Services
  {
    module: 'app/admin/services/actions.ts',
    name: 'createServiceAction',
    requires: 'admin',
    form: () => ({ name: '請求', nameEn: '', slug: '', template: 'marketing_99' }),
  },
  {
    module: 'app/admin/services/actions.ts',
    name: 'editServiceAction',
    requires: 'admin',
    form: (_, f) => ({ id: f.serviceId, name: 'コールセンター', nameEn: 'Call center', slug: '' }),
  },
  {
    module: 'app/admin/services/actions.ts',
    name: 'archiveServiceAction',
    requires: 'admin',
    form: (_, f) => ({ id: f.serviceId, archived: 'false' }),
  },
  // SLA
  {
    module: 'app/admin/sla/actions.ts',
    name: 'templatePolicyAction',
    requires: 'admin',
    form: async (db, f) => {
      const { json: _json, ...ids } = await policyForm(db, f);
      return { ...ids, template: 'call_center_98', confirm: 'on' };
    },
  },
  {
    module: 'app/admin/sla/actions.ts',
    name: 'replacePolicyAction',
    requires: 'admin',
    form: async (db, f) => {
      const { json, ...ids } = await policyForm(db, f);
      return { ...ids, policyJson: json };
    },
  },
  // Monitors
  {
    module: 'app/admin/monitors/actions.ts',
    name: 'createMonitorAction',
    requires: 'writer',
    form: () => ({
      name: 'Hardening heartbeat',
      type: 'push',
      intervalSeconds: '300',
      timeoutMs: '5000',
      retries: '2',
      downStatus: 'major_outage',
      enabled: 'on',
    }),
  },
  {
    module: 'app/admin/monitors/actions.ts',
    name: 'editMonitorAction',
    requires: 'writer',
    form: (_, f) => ({
      id: f.monitorId,
      name: 'Fixture batch heartbeat',
      type: 'push',
      intervalSeconds: '600',
      timeoutMs: '5000',
      retries: '2',
      downStatus: 'major_outage',
      enabled: 'on',
    }),
  },
  { module: 'app/admin/monitors/actions.ts', name: 'alertPreferencesAction', requires: 'writer', form: () => ({ email: 'on' }) },
  {
    module: 'app/admin/monitors/actions.ts',
    name: 'deleteMonitorAction',
    requires: 'writer',
    consumes: true,
    form: (_, f) => ({ id: f.spareMonitorId, confirm: 'on' }),
  },
  { module: 'app/admin/sla/actions.ts', name: 'verifyChainAction', requires: 'signed-in', form: () => ({}) },
];

/** The console's form-state actions: (previousState, formData) → state. */
export type FormStateAction = (
  previous: { status: string },
  formData: FormData,
) => Promise<{ status: 'idle' | 'ok' | 'error'; message?: string; fieldErrors?: Record<string, string> }>;

export function toFormData(fields: FormFields): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

/** The forms used before signing in: no session, so what they may change is theirs to decide. */
export interface PublicActionCase {
  module: string;
  name: string;
  /** Tables a refused submission may still write, and why. */
  mayWriteWhenRefused?: string[];
  form(f: ConsoleFixtures): FormFields;
}

export const PUBLIC_ACTIONS: PublicActionCase[] = [
  // Failed sign-ins are counted (throttling); past the account's threshold the admins' alert is queued with an audit row.
  {
    module: 'app/admin/sign-in/actions.ts',
    name: 'signInAction',
    mayWriteWhenRefused: ['rate_limits', 'system_mail_outbox', 'audit_log'],
    form: (f) => ({ email: f.users.admin.email, password: 'not-the-password' }),
  },
  // Wrong second factors are counted per account.
  {
    module: 'app/admin/sign-in/actions.ts',
    name: 'secondFactorAction',
    mayWriteWhenRefused: ['rate_limits'],
    form: () => ({ code: '123456' }),
  },
  {
    module: 'app/admin/setup/actions.ts',
    name: 'setupAction',
    form: () => ({ email: 'second-admin@example.test', name: 'Second', password: 'a-long-enough-password' }),
  },
  {
    module: 'app/admin/invitations/[token]/actions.ts',
    name: 'acceptInvitationAction',
    form: () => ({ token: 'x'.repeat(43), name: 'Invitee', password: 'a-long-enough-password' }),
  },
  // Attempts count against the visitor's, the room's and the mailbox's limits even when refused.
  {
    module: 'app/(public)/subscribe/actions.ts',
    name: 'subscribeEmailAction',
    mayWriteWhenRefused: ['rate_limits'],
    form: () => ({ email: 'reader@example.test', scope: 'all' }),
  },
  {
    module: 'app/(public)/subscribe/actions.ts',
    name: 'subscribeSlackAction',
    mayWriteWhenRefused: ['rate_limits'],
    form: () => ({ webhookUrl: 'https://hooks.slack.com/services/T01/B01/abc', scope: 'all' }),
  },
  {
    module: 'app/(public)/subscribe/actions.ts',
    name: 'registerChatworkAction',
    mayWriteWhenRefused: ['rate_limits'],
    form: () => ({ roomId: '4242', scope: 'all' }),
  },
  // A wrong code counts against the room's attempts (and its daily guesses), so guessing stops.
  {
    module: 'app/(public)/subscribe/actions.ts',
    name: 'confirmChatworkAction',
    mayWriteWhenRefused: ['subscribers', 'rate_limits'],
    form: () => ({ roomId: '4242', code: '123456' }),
  },
  { module: 'app/(public)/subscribe/actions.ts', name: 'confirmEmailAction', form: (f) => ({ token: f.confirmationToken }) },
  {
    module: 'app/(public)/subscribe/actions.ts',
    name: 'savePreferencesAction',
    form: (f) => ({ token: f.manageToken, locale: 'en', scope: 'some', 'componentIds[]': [f.componentId] }),
  },
  { module: 'app/(public)/subscribe/actions.ts', name: 'leaveAction', form: (f) => ({ token: f.manageToken }) },
];

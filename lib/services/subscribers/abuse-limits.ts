import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { deliveries } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { addressBlock } from '../../security/address-block';
import { hitLimit, type LimitRule } from '../../security/rate-limit';

// Limits on the public subscription forms, shared by all instances (lib/security/rate-limit.ts).
// Limits on the visitor (address, network) refuse openly: it is their own doing. Limits on the
// recipient (one mailbox) are silent: the form must not tell whether someone subscribed.

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export const SUBSCRIBE_PER_ADDRESS: LimitRule = { name: 'subscribe-address', limit: 10, windowMs: HOUR };
export const SUBSCRIBE_PER_BLOCK: LimitRule = { name: 'subscribe-block', limit: 30, windowMs: HOUR };
/** Confirmation mails to one mailbox (user+anything@ counts as user@). */
export const CONFIRMATIONS_PER_MAILBOX: LimitRule = { name: 'subscribe-mailbox', limit: 3, windowMs: DAY };
/** Confirmation mails to one domain: keeps the page from flooding a company's mail server. */
export const CONFIRMATIONS_PER_DOMAIN: LimitRule = { name: 'subscribe-domain', limit: 50, windowMs: HOUR };

/** Confirmation posts to one Slack webhook: a channel cannot be flooded with them. */
export const CONFIRMATIONS_PER_SLACK_HOOK: LimitRule = { name: 'subscribe-slack-hook', limit: 3, windowMs: DAY };

export const CHATWORK_REGISTER_PER_ADDRESS: LimitRule = { name: 'chatwork-register-address', limit: 5, windowMs: HOUR };
export const CHATWORK_REGISTER_PER_ROOM: LimitRule = { name: 'chatwork-register-room', limit: 5, windowMs: DAY };
/**
 * Codes posted by the bot, all rooms together: a tenth of Chatwork's 300 calls per 5 minutes,
 * so notices always keep the rest of the token's quota.
 */
export const CHATWORK_REGISTER_BUDGET: LimitRule = { name: 'chatwork-register-budget', limit: 30, windowMs: 5 * 60_000 };
export const CHATWORK_GUESSES_PER_ROOM: LimitRule = { name: 'chatwork-guess-room', limit: 10, windowMs: DAY };
export const CHATWORK_GUESSES_PER_ADDRESS: LimitRule = { name: 'chatwork-guess-address', limit: 30, windowMs: HOUR };

/** One mailbox, however it is tagged: "Taro+x1@Example.com" → "taro@example.com". */
export function mailboxOf(email: string): { mailbox: string; domain: string } {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).toLowerCase().split('+')[0];
  const domain = email.slice(at + 1).toLowerCase();
  return { mailbox: `${local}@${domain}`, domain };
}

async function refuseOver(db: DbOrTx, rules: [LimitRule, string][], messageKey: string, now: Date): Promise<void> {
  for (const [rule, subject] of rules) {
    const state = await hitLimit(db, rule, subject, { now });
    if (!state.allowed) throw new RateLimited(messageKey, state.retryAfterSeconds);
  }
}

export class RateLimited extends ServiceError {
  constructor(
    messageKey: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', messageKey);
  }
}

/** Before anything is written for an email subscription; `false`: accept silently but send nothing. */
export async function admitEmailSubscription(
  db: DbOrTx,
  input: { email: string; clientAddress: string; now: Date },
): Promise<boolean> {
  const { mailbox, domain } = mailboxOf(input.email);
  await refuseOver(
    db,
    [
      [SUBSCRIBE_PER_ADDRESS, input.clientAddress],
      [SUBSCRIBE_PER_BLOCK, addressBlock(input.clientAddress)],
    ],
    'subscribe_too_often',
    input.now,
  );
  if (!(await hitLimit(db, CONFIRMATIONS_PER_MAILBOX, mailbox, { now: input.now })).allowed) return false;
  await refuseOver(db, [[CONFIRMATIONS_PER_DOMAIN, domain]], 'subscribe_domain_busy', input.now);
  return true;
}

/** Before anything is written for a Slack subscription; `false`: accept silently but post nothing. */
export async function admitSlackSubscription(
  db: DbOrTx,
  input: { webhookUrl: string; clientAddress: string; now: Date },
): Promise<boolean> {
  await refuseOver(
    db,
    [
      [SUBSCRIBE_PER_ADDRESS, input.clientAddress],
      [SUBSCRIBE_PER_BLOCK, addressBlock(input.clientAddress)],
    ],
    'subscribe_too_often',
    input.now,
  );
  return (await hitLimit(db, CONFIRMATIONS_PER_SLACK_HOOK, input.webhookUrl, { now: input.now })).allowed;
}

/**
 * Before the bot posts a code: the visitor's and the room's limits, then notices first (nothing
 * waiting for Chatwork), then the shared budget. Refused registrations do not spend the budget.
 */
export async function admitChatworkRegistration(
  db: DbOrTx,
  input: { roomId: string; clientAddress: string; now: Date },
): Promise<void> {
  await refuseOver(
    db,
    [
      [CHATWORK_REGISTER_PER_ADDRESS, input.clientAddress],
      [CHATWORK_REGISTER_PER_ROOM, input.roomId],
    ],
    'chatwork_too_often',
    input.now,
  );
  const [waiting] = await db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .where(and(eq(deliveries.channel, 'chatwork'), eq(deliveries.status, 'queued'), lte(deliveries.nextAttemptAt, input.now)));
  if (Number(waiting?.n ?? 0) > 0) throw new RateLimited('chatwork_busy', 60);
  await refuseOver(db, [[CHATWORK_REGISTER_BUDGET, 'all']], 'chatwork_busy', input.now);
}

/** Before a confirmation code is judged: guesses per room per day and per visitor. */
export async function admitChatworkGuess(db: DbOrTx, input: { roomId: string; clientAddress: string; now: Date }): Promise<void> {
  await refuseOver(
    db,
    [
      [CHATWORK_GUESSES_PER_ADDRESS, input.clientAddress],
      [CHATWORK_GUESSES_PER_ROOM, input.roomId],
    ],
    'chatwork_guesses',
    input.now,
  );
}

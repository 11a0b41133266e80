import { pgTable, uuid, text, timestamptz, boolean, integer, primaryKey, index, uniqueIndex } from './columns';
import type { Channel } from '../../lib/domain/statuses';
import { pages } from './pages';
import { components } from './components';

export const subscribers = pgTable(
  'subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<Channel>().notNull(),
    /** Email address, LINE userId, Chatwork room id or webhook endpoint URL. */
    address: text('address').notNull(),
    /** Webhook only: who is told when the endpoint keeps failing. */
    contactEmail: text('contact_email'),
    /**
     * Webhook only: random salt of the signing secret, which is derived from it and the
     * 'webhook-signing' instance key (never stored); a new salt rotates the secret.
     */
    signingSalt: text('signing_salt'),
    locale: text('locale').$type<'ja' | 'en'>().notNull().default('ja'),
    /** Random token for the manage/unsubscribe links (only its hash is stored). */
    manageTokenHash: text('manage_token_hash'),
    /** Chatwork confirmation code hash, cleared when confirmed. */
    confirmCodeHash: text('confirm_code_hash'),
    /** Wrong codes entered since the last code was posted (the code is void after a few). */
    confirmAttempts: integer('confirm_attempts').notNull().default(0),
    /** When the last confirmation email or code went out: expiry of codes, throttle for resends. */
    confirmationSentAt: timestamptz('confirmation_sent_at'),
    allComponents: boolean('all_components').notNull().default(true),
    confirmedAt: timestamptz('confirmed_at'),
    unsubscribedAt: timestamptz('unsubscribed_at'),
    /** Set when a provider said the address is permanently unreachable. */
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscribers_page_channel_address_idx').on(t.pageId, t.channel, t.address),
    index('subscribers_active_idx').on(t.pageId, t.channel, t.confirmedAt),
    uniqueIndex('subscribers_manage_token_idx').on(t.manageTokenHash),
  ],
);

export const subscriberComponents = pgTable(
  'subscriber_components',
  {
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.componentId] }),
    index('subscriber_components_component_idx').on(t.componentId),
  ],
);

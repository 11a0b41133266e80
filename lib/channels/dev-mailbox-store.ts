import type { DbOrTx } from '../../db/client';
import { devMailbox } from '../../db/schema';
import { createDevMailboxSender } from './email';
import type { ChannelSender } from './types';

/** The email sender used when SMTP_URL is unset: each mail becomes a dev_mailbox row admins can read. */
export function devMailboxStoreSender(db: DbOrTx, from: string): ChannelSender {
  return createDevMailboxSender({
    from,
    async store(message) {
      const [row] = await db.insert(devMailbox).values(message).returning({ id: devMailbox.id });
      return row.id;
    },
  });
}

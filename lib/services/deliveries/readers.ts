import { ROLES } from '../../domain/statuses';

/** Everyone signed in to the console may watch deliveries (viewers included); writes need more. */
export const CONSOLE_READERS = ROLES;

import type { DbOrTx } from '../../db/client';
import { getPrimaryPage } from '../public/page';

/** The operator's switch (console settings): admins must sign in with two-factor. */
export async function adminTwoFactorRequired(db: DbOrTx): Promise<boolean> {
  const page = await getPrimaryPage(db);
  return page.settings.requireAdminTwoFactor === true;
}

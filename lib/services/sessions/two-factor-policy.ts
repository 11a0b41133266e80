import type { DbOrTx } from '../../../db/client';
import { resolvePage } from '../../pages/context';

/** The operator's switch (console settings): admins must sign in with two-factor. */
export async function adminTwoFactorRequired(db: DbOrTx): Promise<boolean> {
  const page = await resolvePage(db);
  return page.settings.requireAdminTwoFactor === true;
}

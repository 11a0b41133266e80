// `npm run api-key -- create NAME [--admin] | revoke ID | list`: management API keys without a browser,
// with the same effect (and audit rows) as the console page. Refuses while the app holds the
// embedded database.
import { env } from '../lib/env';
import { isServiceError } from '../lib/errors';
import { t } from '../lib/i18n/messages';
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';
import { systemActor } from '../lib/services/context';
import { createApiKey } from '../lib/services/api-keys/create';
import { listApiKeys } from '../lib/services/api-keys/list';
import { revokeApiKey } from '../lib/services/api-keys/revoke';

await runCli(async () => {
  const tr = t(env().DEFAULT_LOCALE, 'api');
  const args = process.argv.slice(2);
  const role = args.includes('--admin') ? 'admin' : 'operator';
  const [command, argument] = args.filter((a) => a !== '--admin');
  if (!['create', 'revoke', 'list'].includes(command ?? '') || (command !== 'list' && !argument)) {
    console.error(tr('cli.usage'));
    process.exit(2);
  }
  const handle = await openConfiguredDatabase();
  const ctx = { db: handle.db, actor: systemActor('cli') };
  try {
    if (command === 'create') {
      const created = await createApiKey({ ctx, input: { name: argument, role } });
      console.log(tr('cli.created', { name: created.name, id: created.id }));
      console.log(created.key);
      console.error(tr('cli.shownOnce'));
    } else if (command === 'revoke') {
      const revoked = await revokeApiKey({ ctx, input: { id: argument } });
      console.log(tr('cli.revoked', { name: revoked.name, prefix: revoked.prefix }));
    } else {
      const keys = await listApiKeys({ ctx });
      if (keys.length === 0) console.log(tr('cli.none'));
      for (const k of keys) {
        const state = k.revokedAt
          ? tr('cli.revokedAt', { time: k.revokedAt.toISOString() })
          : tr('cli.lastUsed', { time: k.lastUsedAt?.toISOString() ?? '-' });
        console.log(`${k.id}  ${k.prefix}…  ${k.name}  ${k.role}  ${state}`);
      }
    }
  } catch (error) {
    if (!isServiceError(error)) throw error;
    console.error(tr(`cli.errors.${error.code === 'invalid' ? 'invalid' : error.messageKey}`));
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
});

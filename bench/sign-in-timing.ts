// `npx tsx bench/sign-in-timing.ts [rounds]`: how long failed sign-ins take for a real account
// and for an unknown email, at the 5th failure (the per-address refusal starts after it) and
// at the 11th (the account crosses into the slow path and the admins' alert is queued).
// Embedded database in memory; prints medians, asserts nothing.
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { users } from '../db/schema';
import { hashPassword } from '../lib/security/password';
import { signIn } from '../lib/services/sessions/sign-in';
import { createPage } from '../test/factories';

const rounds = Number(process.argv[2] ?? 15);
const handle = await openDatabase({ driver: 'pglite' });
await migrateDatabase(handle);
await createPage(handle.db, { name: 'bench' });
await handle.db
  .insert(users)
  .values({ email: 'admin@bench.test', role: 'admin', passwordHash: await hashPassword('bench-admin-password') });

const samples: Record<string, number[]> = { 'real 5th': [], 'unknown 5th': [], 'real 11th': [], 'unknown 11th': [] };
for (let round = 0; round < rounds; round++) {
  for (const kind of ['real', 'unknown'] as const) {
    const email = kind === 'real' ? `user${round}@bench.test` : `ghost${round}@bench.test`;
    if (kind === 'real')
      await handle.db.insert(users).values({ email, role: 'operator', passwordHash: await hashPassword('bench-user-password') });
    for (let i = 1; i <= 11; i++) {
      // A new address each time past the 5th, as a spread-out attacker would do.
      const ip = i <= 5 ? `10.${round}.0.1` : `10.${round}.${i}.1`;
      const started = performance.now();
      await signIn(handle.db, { email, password: `wrong-${i}`, ip, now: new Date(Date.UTC(2026, 0, 1, round)) });
      const ms = performance.now() - started;
      if (i === 5 || i === 11) samples[`${kind} ${i}th`].push(ms);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(samples))
  console.log(`${name.padEnd(13)} median ${median(xs).toFixed(1)} ms (n=${xs.length})`);
await handle.close();

// Sign-in timing: an unknown email must cost about the same as a wrong password for a real
// account, so response time does not reveal who has an account (goal: ratio 0.8–1.25).
// Run: npx tsx bench/sign-in.ts   (DATABASE_URL=postgres://… runs in a throwaway database there)
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { users } from '../db/schema';
import { hashPassword } from '../lib/security/password';
import { signIn } from '../lib/services/sessions/sign-in';

const ROUNDS = 40;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = process.env.DATABASE_URL;
const scratch = `shirase_bench_signin_${Date.now().toString(36)}`;
const admin = server ? postgres(server, { max: 1, onnotice: () => {} }) : null;
if (admin) await admin.unsafe(`create database ${scratch}`);
const scratchUrl = server ? Object.assign(new URL(server), { pathname: `/${scratch}` }).toString() : '';
const handle = server ? await openDatabase({ driver: 'postgres', url: scratchUrl }) : await openDatabase({ driver: 'pglite' });
await migrateDatabase(handle);
const passwordHash = await hashPassword('correct-horse-battery');
const run = Date.now().toString(36);
await handle.db.insert(users).values(
  Array.from({ length: ROUNDS }, (_, i) => ({
    email: `bench-${run}-${i}@example.com`,
    role: 'operator' as const,
    passwordHash,
  })),
);

const timings = { known: [] as number[], unknown: [] as number[], success: [] as number[] };
for (let i = 0; i < ROUNDS; i++) {
  // One attempt per account and address, so no limit kicks in and only the password check is timed.
  for (const [kind, email, password] of [
    ['known', `bench-${run}-${i}@example.com`, 'wrong-password'],
    ['unknown', `nobody-${run}-${i}@example.com`, 'wrong-password'],
    ['success', `bench-${run}-${i}@example.com`, 'correct-horse-battery'],
  ] as const) {
    const started = performance.now();
    await signIn(handle.db, { email, password, ip: `10.9.${i}.${kind.length}` });
    timings[kind].push(performance.now() - started);
  }
}
const known = median(timings.known);
const unknown = median(timings.unknown);
console.log(`driver: ${handle.driver}, ${ROUNDS} rounds`);
console.log(`wrong password, real account: median ${known.toFixed(1)} ms`);
console.log(`unknown email:                median ${unknown.toFixed(1)} ms`);
console.log(`right password (new session): median ${median(timings.success).toFixed(1)} ms`);
console.log(`ratio unknown / real account: ${(unknown / known).toFixed(2)} (goal 0.8–1.25)`);
await handle.close();
if (admin) {
  await admin.unsafe(`drop database ${scratch} with (force)`);
  await admin.end();
}

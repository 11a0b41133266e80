/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm via import.meta.url and argon2 is a native addon: keep both out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'nodemailer', 'postgres', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;

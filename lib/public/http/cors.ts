// Public documents are readable from any origin without credentials (status widgets, dashboards):
// the one CORS rule, used by the custom server and by Next's fallback route alike.
export const CORS_PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '86400',
};

export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: CORS_PREFLIGHT_HEADERS });
}

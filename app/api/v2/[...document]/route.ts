import { publicDocumentResponse } from '@/lib/public-cache/route-response';

// Normally answered from pre-rendered bytes by the custom server (lib/public-cache/front.ts).
export const dynamic = 'force-dynamic';
export const GET = publicDocumentResponse;

export function OPTIONS() {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Max-Age': '86400',
    },
  });
}

import { publicDocumentResponse } from '@/lib/public-cache/route-response';

// Normally answered from pre-rendered bytes by the custom server (lib/public-cache/front.ts).
export const dynamic = 'force-dynamic';
export const GET = publicDocumentResponse;

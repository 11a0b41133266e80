import { publicDocumentResponse } from '@/lib/public/http/route-response';

// Normally answered from pre-rendered bytes by the custom server (lib/public/http/front.ts).
export const dynamic = 'force-dynamic';
export const GET = publicDocumentResponse;

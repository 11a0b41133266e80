import { createHash } from 'node:crypto';
import { z } from 'zod';
import { pageAssets } from '../../../db/schema';
import { checkImage } from '../../branding/image';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const BRAND_IMAGE_KINDS = ['logo', 'favicon'] as const;
/** Small enough to keep in a row and send on every visit; big enough for a crisp 2x logo. */
export const IMAGE_LIMITS = {
  logo: { maxBytes: 512 * 1024, minSide: 16, maxSide: 2048 },
  favicon: { maxBytes: 128 * 1024, minSide: 16, maxSide: 512 },
} as const;

const uploadInput = z.object({ kind: z.enum(BRAND_IMAGE_KINDS), bytes: z.instanceof(Uint8Array) });

/** Stores a logo or favicon after checking (and cleaning) its bytes (admins only). */
export async function uploadBrandImage({ ctx, input }: { ctx: ServiceContext; input: { kind: string; bytes: Uint8Array } }) {
  requireRole(ctx, ADMINS);
  const { kind, bytes } = parseInput(uploadInput, input);
  if (bytes.length === 0) throw new ServiceError('invalid', 'invalid_input', { file: ['required'] });
  const image = checkImage(Buffer.from(bytes), IMAGE_LIMITS[kind]);
  if (typeof image === 'string') throw new ServiceError('invalid', 'invalid_input', { file: [image] });
  const at = nowOf(ctx);
  const version = createHash('sha256').update(image.bytes).digest('hex').slice(0, 12);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const values = {
      contentType: image.contentType,
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      version,
      updatedAt: at,
    };
    await tx
      .insert(pageAssets)
      .values({ pageId: page.id, kind, ...values })
      .onConflictDoUpdate({ target: [pageAssets.pageId, pageAssets.kind], set: values });
    const after = {
      kind,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      bytes: image.bytes.length,
      version,
    };
    await writeAudit(tx, ctx.actor, { action: `branding.${kind}_upload`, entityType: 'page', entityId: page.id, after, at });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [] });
    return { version };
  });
}

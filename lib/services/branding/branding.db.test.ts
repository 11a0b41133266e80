import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, pageAssets, pageBranding } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { DEFAULT_FAVICON_PNG } from '@/lib/branding/default-icon';
import { DEFAULT_BRANDING, loadBrandAsset, loadPublicBranding } from '@/lib/public/read/branding';
import { editBranding } from './edit';
import { getBrandingSettings } from './get';
import { removeBrandImage } from './remove-image';
import { uploadBrandImage } from './upload-image';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

async function failure(run: Promise<unknown>) {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('branding', () => {
  it('shows the defaults before any page or branding exists', async () => {
    expect(await loadPublicBranding(handle.db)).toEqual(DEFAULT_BRANDING);
    await createPage(handle.db);
    expect(await loadPublicBranding(handle.db)).toEqual(DEFAULT_BRANDING);
  });

  it('is for admins only', async () => {
    for (const ctx of [as.operator, as.viewer]) {
      expect(await failure(editBranding({ ctx, input: { brandColor: '#0550ae' } }))).toMatchObject({ code: 'forbidden' });
      expect(await failure(uploadBrandImage({ ctx, input: { kind: 'logo', bytes: DEFAULT_FAVICON_PNG } }))).toMatchObject({
        code: 'forbidden',
      });
      expect(await failure(removeBrandImage({ ctx, input: { kind: 'logo' } }))).toMatchObject({ code: 'forbidden' });
      expect(await failure(getBrandingSettings({ ctx }))).toMatchObject({ code: 'forbidden' });
    }
    expect(await handle.db.select().from(pageBranding)).toEqual([]);
  });

  it('refuses a colour white text fails on, bad colours and non-web links, changing nothing', async () => {
    expect(await failure(editBranding({ ctx: as.admin, input: { brandColor: '#ffcc00' } }))).toMatchObject({
      fieldErrors: { brandColor: ['color_contrast'] },
    });
    expect(await failure(editBranding({ ctx: as.admin, input: { brandColor: 'red;background:url(x)' } }))).toMatchObject({
      fieldErrors: { brandColor: ['invalid_color'] },
    });
    expect(await failure(editBranding({ ctx: as.admin, input: { supportUrl: 'javascript:alert(1)' } }))).toMatchObject({
      fieldErrors: { supportUrl: ['invalid_url'] },
    });
    expect(await handle.db.select().from(pageBranding)).toEqual([]);
  });

  it('saves colour, links, footer and credit with an audit row, and the public page reads them', async () => {
    await editBranding({
      ctx: as.admin,
      input: {
        brandColor: '#0A5C36',
        supportUrl: 'https://support.example.com',
        companyUrl: 'https://example.com',
        footerText: '株式会社例',
        footerTextEn: 'Example Inc.',
        showCredit: false,
      },
    });
    expect(await loadPublicBranding(handle.db)).toMatchObject({
      brandColor: '#0a5c36',
      supportUrl: 'https://support.example.com',
      footerText: '株式会社例',
      footerTextEn: 'Example Inc.',
      showCredit: false,
      logo: null,
    });
    const rows = await handle.db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toEqual(['branding.edit']);
  });

  it('stores a cleaned logo, refuses other files, and serves the stored bytes by version', async () => {
    expect(
      await failure(uploadBrandImage({ ctx: as.admin, input: { kind: 'logo', bytes: Buffer.from('<svg onload="alert(1)"/>') } })),
    ).toMatchObject({ fieldErrors: { file: ['image_type'] } });
    expect(await failure(uploadBrandImage({ ctx: as.admin, input: { kind: 'logo', bytes: Buffer.alloc(0) } }))).toMatchObject({
      fieldErrors: { file: ['required'] },
    });
    expect(
      await failure(uploadBrandImage({ ctx: as.admin, input: { kind: 'banner', bytes: DEFAULT_FAVICON_PNG } })),
    ).toMatchObject({ fieldErrors: { kind: ['invalid_choice'] } });
    expect(await handle.db.select().from(pageAssets)).toEqual([]);
    const withTrailer = Buffer.concat([DEFAULT_FAVICON_PNG, Buffer.from('<html><script>alert(1)</script>')]);
    const { version } = await uploadBrandImage({ ctx: as.admin, input: { kind: 'logo', bytes: withTrailer } });
    const stored = await loadBrandAsset(handle.db, 'logo');
    expect(stored).toMatchObject({ contentType: 'image/png', version });
    expect(Buffer.from(stored!.bytes).equals(DEFAULT_FAVICON_PNG)).toBe(true);
    expect((await loadPublicBranding(handle.db)).logo).toEqual({ url: `/brand/logo?v=${version}`, width: 32, height: 32 });
    await removeBrandImage({ ctx: as.admin, input: { kind: 'logo' } });
    expect(await loadBrandAsset(handle.db, 'logo')).toBeNull();
    const actions = (await handle.db.select().from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(['branding.edit', 'branding.logo_upload', 'branding.logo_remove']);
  });
});

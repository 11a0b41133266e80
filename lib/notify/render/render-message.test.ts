import { describe, expect, it } from 'vitest';
import { LINE_MAX_TEXT } from '../../channels/line-text';
import { UnreadablePayloadError } from '../../notices/payload';
import { renderMessage, SLOTS, type RenderInput } from './render-message';

const incident = {
  incidentId: 'i-1',
  title: { ja: 'API [/info][toall] 停止', en: 'API down' },
  severity: 'emergency',
  status: 'investigating',
  detectedAt: '2026-11-23T01:00:00Z',
  update: { status: 'identified', body: { ja: '原因を特定しました。', en: 'Cause found.' }, at: '2026-11-23T01:30:00Z' },
  components: [{ id: 'c', name: { ja: '決済', en: 'Payments' }, status: 'major_outage' }],
  path: '/incidents/i-1',
};
const maintenance = {
  maintenanceId: 'm-1',
  status: 'scheduled',
  title: { ja: '定期メンテナンス', en: 'Planned maintenance' },
  body: { ja: '最大30分停止します。', en: null },
  scheduledStart: '2026-12-04T12:00:00Z',
  scheduledEnd: '2026-12-04T14:00:00Z',
  expectedDowntimeMinutes: 30,
  reminder: { offsetMinutes: 10_080, label: '7d' },
  components: [],
  path: '/maintenance/m-1',
};
const base: Omit<RenderInput, 'type' | 'payload' | 'channel'> = {
  locale: 'ja',
  baseUrl: 'https://status.example.test',
  pageName: { ja: 'デモ社', en: 'Demo Inc.' },
};

describe('renderMessage', () => {
  it('renders an incident email in the subscriber’s language with components, the link and the manage slot', async () => {
    const ja = await renderMessage({ ...base, type: 'incident_updated', payload: incident, channel: 'email' });
    expect(ja.subject).toBe('【障害情報更新】API [/info][toall] 停止 - デモ社');
    expect(ja.text).toContain('影響範囲: 決済（停止）');
    expect(ja.text).toContain('状況: 原因特定');
    expect(ja.text).toContain('https://status.example.test/incidents/i-1');
    expect(ja.html).toContain(`/manage/${SLOTS.manageToken}`);
    const en = await renderMessage({ ...base, locale: 'en', type: 'incident_resolved', payload: incident, channel: 'email' });
    expect(en.subject).toBe('[Resolved] API down - Demo Inc.');
    expect(en.text).toMatch(/Affected: Payments \(\w[^)]*\)/);
    expect(en.html).toMatch(/<html[^>]*lang="en"/);
    // The English reader's link names their language; the default (ja) link stays bare.
    expect(en.text).toContain('https://status.example.test/incidents/i-1?lang=en');
    expect(ja.text).not.toContain('?lang=');
  });

  it('keeps LINE text within 5,000 characters by cutting the operator’s words, never the link', async () => {
    const long = { ...incident, update: { ...incident.update, body: { ja: 'あ'.repeat(9_000), en: null } } };
    const { text } = await renderMessage({ ...base, type: 'incident_opened', payload: long, channel: 'line' });
    expect(text.length).toBeLessThanOrEqual(LINE_MAX_TEXT);
    expect(text).toContain('https://status.example.test/incidents/i-1');
    expect(text).toContain('…');
  });

  it('escapes Chatwork notation in titles and bodies', async () => {
    const { text } = await renderMessage({ ...base, type: 'incident_opened', payload: incident, channel: 'chatwork' });
    expect(text.startsWith('[info][title]【障害発生】API ［/info］［toall］ 停止[/title]')).toBe(true);
    expect(text.match(/\[\/info\]/g)).toHaveLength(1);
    expect(text).not.toContain('[toall]');
  });

  it('renders maintenance notices with the window, lead time and scope, and refuses a payload of the wrong shape', async () => {
    const { text } = await renderMessage({ ...base, type: 'maintenance_reminder', payload: maintenance, channel: 'line' });
    expect(text).toContain('メンテナンス開始まで、あと7日です');
    expect(text).toContain('予定日時: 2026/12/04 21:00 JST 〜 2026/12/04 23:00 JST');
    expect(text).toContain('対象: 全体');
    const en = await renderMessage({
      ...base,
      locale: 'en',
      type: 'maintenance_reminder',
      payload: maintenance,
      channel: 'line',
    });
    expect(en.text).toContain('starts in 7 days');
    expect(en.text).toContain('最大30分停止します。');
    await expect(
      renderMessage({ ...base, type: 'maintenance_started', payload: incident, channel: 'email' }),
    ).rejects.toBeInstanceOf(UnreadablePayloadError);
  });
});

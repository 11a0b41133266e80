import type { NoticeType } from '../../lib/notices/message-types';
import { incidentPayloadSchema, maintenancePayloadSchema } from '../../lib/notices/payload';
import { buildNoticeView, type NoticeSource } from '../../lib/notify/render/notice-view';
import type { NoticeEmailProps } from './notice-email';

// Sample data for the templates' PreviewProps (the React Email preview server and screenshots).

const components = [
  { id: 'c1', name: { ja: 'API', en: 'API' }, status: 'major_outage' as const },
  { id: 'c2', name: { ja: '管理画面', en: 'Admin console' }, status: 'degraded_performance' as const },
];

const incident = incidentPayloadSchema.parse({
  incidentId: '00000000-0000-4000-8000-000000000001',
  title: { ja: 'API の応答遅延', en: 'Slow API responses' },
  severity: 'severe',
  impact: 'major',
  status: 'identified',
  detectedAt: '2026-11-23T01:05:00Z',
  update: {
    status: 'identified',
    body: {
      ja: 'データベースの負荷が原因と特定しました。\n対策を実施しています。',
      en: 'We found the cause: database load.\nA fix is being applied.',
    },
    at: '2026-11-23T01:40:00Z',
  },
  components,
  path: '/incidents/00000000-0000-4000-8000-000000000001',
});

const maintenance = maintenancePayloadSchema.parse({
  maintenanceId: '00000000-0000-4000-8000-000000000002',
  status: 'scheduled',
  title: { ja: 'データベースの定期メンテナンス', en: 'Scheduled database maintenance' },
  body: { ja: '作業中は API が最大 30 分停止します。', en: 'The API will be unavailable for up to 30 minutes.' },
  scheduledStart: '2026-12-04T12:00:00Z',
  scheduledEnd: '2026-12-04T14:00:00Z',
  expectedDowntimeMinutes: 30,
  reminder: { offsetMinutes: 1440, label: '1d' },
  components: components.map(({ id, name }) => ({ id, name })),
  path: '/maintenance/00000000-0000-4000-8000-000000000002',
});

export function previewProps(type: NoticeType, locale: 'ja' | 'en' = 'ja'): NoticeEmailProps {
  const source: NoticeSource = type.startsWith('incident')
    ? { subject: 'incident', payload: incident }
    : { subject: 'maintenance', payload: maintenance };
  const baseUrl = 'https://status.example.jp';
  return {
    locale,
    view: buildNoticeView(type, source, locale, { baseUrl, pageName: { ja: 'サンプル株式会社', en: 'Sample Inc.' } }),
    manageUrl: `${baseUrl}/manage/preview-token`,
  };
}

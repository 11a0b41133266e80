// Starting points for a service's SLA policy, so nobody has to write one from scratch: the two
// contracts this product was built against (seeds 000 and 002) and an empty one.
import { defaultSlaPolicy, slaPolicySchema, type SlaPolicy, type SlaPolicyInput } from './policy';

export const POLICY_TEMPLATES = ['call_center_98', 'marketing_99', 'blank'] as const;
export type PolicyTemplate = (typeof POLICY_TEMPLATES)[number];

export function policyFromTemplate(template: PolicyTemplate, timeZone: string): SlaPolicy {
  if (template === 'call_center_98') return structuredClone(callCenterPolicy);
  if (template === 'marketing_99') return structuredClone(marketingPolicy);
  return defaultSlaPolicy(timeZone);
}

const YEAR_END = { from: '12-28', to: '01-04', label: { ja: '年末年始', en: 'Year-end holidays' } };

/** Modelled on seed 000 (a cloud call centre): one 98% promise for the whole service. */
export const callCenterPolicy: SlaPolicy = slaPolicySchema.parse({
  timeZone: 'Asia/Tokyo',
  service: { label: { ja: 'サービス全体', en: 'Whole service' }, targetPercent: 98 },
  functionGroups: [
    { key: 'calling', label: { ja: '通話機能', en: 'Calling' }, targetPercent: null },
    { key: 'web', label: { ja: '通話以外の機能', en: 'Everything but calling' }, targetPercent: null },
  ],
  creditTiers: [
    {
      appliesTo: 'service',
      belowPercent: 98,
      discountPercent: null,
      description: {
        ja: '障害発生月の発信ライセンス料を割引',
        en: "Discount on the month's outbound calling licence fee",
      },
    },
  ],
  maintenance: {
    // The seed excludes any maintenance "notified in advance", without a number of days.
    noticeDays: 0,
    preferredWindows: [{ kind: 'daily', from: '00:00', to: '05:00' }],
    stoppingGroups: ['calling'],
  },
  firstNoticeTargetMinutes: 60,
  resolveTargets: {
    emergency: { kind: 'clock', minutes: 120 },
    severe: { kind: 'clock', minutes: 240 },
    minor: { kind: 'business_days', days: 2 },
  },
  supportCalendar: {
    hours: [{ from: '10:00', to: '19:00' }],
    closures: [{ from: '08-13', to: '08-16', label: { ja: 'お盆', en: 'Obon' } }, YEAR_END],
  },
  exclusions: [
    { ja: '天災地変その他の不可抗力によるサービス停止', en: 'Outages caused by natural disasters or other force majeure' },
    {
      ja: '第三者のソフトウェア・OS・サーバー・回線に起因する障害',
      en: "Faults caused by third parties' software, OS, servers or lines",
    },
    {
      ja: '利用者の故意又は過失、第三者の攻撃に起因する障害',
      en: "Faults caused by the customer's intent or negligence, or by attacks",
    },
    { ja: '事前に通知を行った定期メンテナンス・緊急メンテナンス', en: 'Scheduled or emergency maintenance announced in advance' },
  ],
} satisfies SlaPolicyInput);

/**
 * Modelled on seed 002 (a marketing SaaS): client and consumer functions, 99% each. The document
 * promises "prompt" notice and sets no resolve times, so those targets stay empty here.
 */
export const marketingPolicy: SlaPolicy = slaPolicySchema.parse({
  timeZone: 'Asia/Tokyo',
  service: { label: { ja: 'サービス全体', en: 'Whole service' }, targetPercent: null },
  functionGroups: [
    { key: 'client', label: { ja: 'クライアント機能', en: 'Client functions' }, targetPercent: 99 },
    { key: 'consumer', label: { ja: 'コンシューマ機能', en: 'Consumer functions' }, targetPercent: 99 },
  ],
  maintenance: {
    noticeDays: 14,
    preferredWindows: [{ kind: 'weekly', from: { weekday: 5, time: '21:00' }, to: { weekday: 1, time: '03:00' } }],
    maxDurationMinutes: { client: 480, consumer: 240 },
    stoppingGroups: ['client', 'consumer'],
  },
  firstNoticeTargetMinutes: null,
  resolveTargets: { emergency: null, severe: null, minor: null },
  supportCalendar: {
    hours: [
      { from: '10:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    closures: [YEAR_END],
  },
  exclusions: [
    { ja: '2週間以上前に通知した計画停止', en: 'Planned stops announced at least two weeks ahead' },
    { ja: '基盤プラットフォーム（SFDC）に起因する停止', en: 'Stops caused by the underlying platform (SFDC)' },
    {
      ja: '不可抗力など合理的に管理できない事由による停止',
      en: 'Stops from causes beyond reasonable control, such as force majeure',
    },
  ],
} satisfies SlaPolicyInput);

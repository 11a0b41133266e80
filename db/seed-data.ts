import type { ComponentStatus, Impact, IncidentStatus } from '../lib/domain/statuses';
import { type SlaPolicy } from '../lib/sla/policy';
import { callCenterPolicy, marketingPolicy } from '../lib/sla/templates';

// The demo page: two services modelled on the SLA documents in shared/seeds — a cloud
// phone/CTI service and a marketing-automation service split into client and consumer functions.

/** functionGroup overrides the group's key for SLA maths (seed 000 splits calling from the rest). */
type DemoComponent = {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  ageDays?: number;
  functionGroup?: string;
};
type DemoGroup = { name: string; nameEn: string; functionGroup: string | null; components: DemoComponent[] };
type DemoService = { slug: string; name: string; nameEn: string; slaPolicy: SlaPolicy; groups: DemoGroup[] };

export const demoCatalog: DemoService[] = [
  {
    slug: 'cti',
    name: 'クラウド電話（CTI）',
    nameEn: 'Cloud phone (CTI)',
    slaPolicy: callCenterPolicy,
    groups: [
      {
        name: 'クラウド電話',
        nameEn: 'Cloud phone',
        functionGroup: 'service',
        components: [
          {
            key: 'calling',
            name: '発信',
            nameEn: 'Outbound calls',
            description: 'ソフトフォンとCTIからの発信',
            descriptionEn: 'Calls placed from the softphone and CTI',
            functionGroup: 'calling',
          },
          {
            key: 'incoming',
            name: '着信',
            nameEn: 'Incoming calls',
            description: '代表番号・個別番号への着信',
            descriptionEn: 'Calls to main and direct numbers',
            functionGroup: 'calling',
          },
          {
            key: 'recordings',
            name: '通話録音',
            nameEn: 'Call recordings',
            description: '録音の保存と再生',
            descriptionEn: 'Storing and playing back recordings',
            functionGroup: 'web',
          },
          {
            key: 'cti-console',
            name: '管理画面',
            nameEn: 'Admin console',
            description: 'ログインと各種設定',
            descriptionEn: 'Sign-in and settings',
            functionGroup: 'web',
          },
          {
            key: 'cti-api',
            name: 'API',
            nameEn: 'API',
            description: '外部連携用のREST API',
            descriptionEn: 'REST API for integrations',
            ageDays: 10,
            functionGroup: 'web',
          },
        ],
      },
    ],
  },
  {
    slug: 'ma',
    name: 'マーケティングオートメーション',
    nameEn: 'Marketing automation',
    slaPolicy: marketingPolicy,
    groups: [
      {
        name: 'クライアント機能',
        nameEn: 'Client functions',
        functionGroup: 'client',
        components: [
          {
            key: 'ma-console',
            name: '管理画面',
            nameEn: 'Admin console',
            description: 'キャンペーンと顧客データの管理',
            descriptionEn: 'Managing campaigns and customer data',
          },
          {
            key: 'mail-delivery',
            name: 'メール配信',
            nameEn: 'Email delivery',
            description: '一斉配信とステップ配信',
            descriptionEn: 'Bulk and step emails',
          },
        ],
      },
      {
        name: 'コンシューマ機能',
        nameEn: 'Consumer functions',
        functionGroup: 'consumer',
        components: [
          {
            key: 'web-forms',
            name: 'Webフォーム',
            nameEn: 'Web forms',
            description: 'お客様向けの入力フォーム',
            descriptionEn: 'Forms filled in by your customers',
          },
          {
            key: 'click-counting',
            name: 'クリックカウント',
            nameEn: 'Click counting',
            description: 'メール内リンクのクリック計測',
            descriptionEn: 'Counting clicks on links in emails',
          },
        ],
      },
    ],
  },
];

type DemoUpdate = { afterMinutes: number; status: IncidentStatus; body: string; bodyEn: string };
export type DemoIncident = {
  title: string;
  titleEn: string;
  severity: 'emergency' | 'severe' | 'minor';
  impact: Impact;
  startedDaysAgo: number;
  /** null = still open. */
  durationMinutes: number | null;
  slaExcluded?: boolean;
  components: { key: string; status: ComponentStatus }[];
  updates: DemoUpdate[];
};

export const demoIncidents: DemoIncident[] = [
  {
    title: '発信ができない障害',
    titleEn: 'Outbound calls failing',
    severity: 'emergency',
    impact: 'critical',
    startedDaysAgo: 61.3,
    durationMinutes: 45,
    components: [{ key: 'calling', status: 'major_outage' }],
    updates: [
      {
        afterMinutes: 5,
        status: 'investigating',
        body: '一部のお客様で発信ができない事象を確認し、調査しています。',
        bodyEn: 'Some customers cannot place calls. We are investigating.',
      },
      {
        afterMinutes: 25,
        status: 'identified',
        body: '音声サーバーの1台に原因を特定し、切り替えを行っています。',
        bodyEn: 'We traced it to one voice server and are failing over.',
      },
      {
        afterMinutes: 45,
        status: 'resolved',
        body: '切り替えが完了し、発信が正常に行えることを確認しました。',
        bodyEn: 'Failover complete; calls go through normally again.',
      },
    ],
  },
  {
    title: '一部の録音が再生できない',
    titleEn: 'Some recordings cannot be played',
    severity: 'minor',
    impact: 'minor',
    startedDaysAgo: 34.6,
    durationMinutes: 190,
    components: [{ key: 'recordings', status: 'partial_outage' }],
    updates: [
      {
        afterMinutes: 10,
        status: 'investigating',
        body: '一部の録音ファイルが再生できない事象を調査しています。',
        bodyEn: 'We are looking into recordings that fail to play.',
      },
      {
        afterMinutes: 190,
        status: 'resolved',
        body: 'ストレージの同期を修復し、全ての録音が再生できることを確認しました。',
        bodyEn: 'Storage sync repaired; all recordings play again.',
      },
    ],
  },
  {
    title: '着信の遅延（通信事業者側の障害）',
    titleEn: 'Incoming calls delayed (carrier outage)',
    severity: 'severe',
    impact: 'major',
    startedDaysAgo: 27.2,
    durationMinutes: 80,
    slaExcluded: true,
    components: [{ key: 'incoming', status: 'partial_outage' }],
    updates: [
      {
        afterMinutes: 8,
        status: 'investigating',
        body: '着信がつながりにくい状況です。上流の通信事業者に確認しています。',
        bodyEn: 'Incoming calls are hard to reach us. We are checking with our upstream carrier.',
      },
      {
        afterMinutes: 80,
        status: 'resolved',
        body: '通信事業者側の障害が復旧しました。',
        bodyEn: 'The carrier has fixed its outage.',
      },
    ],
  },
  {
    title: 'Webフォームの応答が遅い',
    titleEn: 'Web forms responding slowly',
    severity: 'severe',
    impact: 'minor',
    startedDaysAgo: 19.4,
    durationMinutes: 130,
    components: [{ key: 'web-forms', status: 'degraded_performance' }],
    updates: [
      {
        afterMinutes: 6,
        status: 'investigating',
        body: 'Webフォームの送信に時間がかかる事象を確認しています。',
        bodyEn: 'Form submissions are slow; we are investigating.',
      },
      {
        afterMinutes: 60,
        status: 'monitoring',
        body: 'データベースの負荷を軽減しました。経過を監視しています。',
        bodyEn: 'We reduced database load and are monitoring.',
      },
      {
        afterMinutes: 130,
        status: 'resolved',
        body: '応答時間が平常に戻りました。',
        bodyEn: 'Response times are back to normal.',
      },
    ],
  },
  {
    title: 'クリック計測の停止',
    titleEn: 'Click counting stopped',
    severity: 'severe',
    impact: 'major',
    startedDaysAgo: 4.62,
    durationMinutes: 150,
    components: [{ key: 'click-counting', status: 'partial_outage' }],
    updates: [
      {
        afterMinutes: 12,
        status: 'investigating',
        body: 'メール内リンクのクリックが計測されていません。調査中です。',
        bodyEn: 'Clicks on email links are not being counted. Investigating.',
      },
      {
        afterMinutes: 70,
        status: 'identified',
        body: '計測サーバーの設定不備を特定しました。',
        bodyEn: 'We found a misconfiguration on the counting servers.',
      },
      {
        afterMinutes: 150,
        status: 'resolved',
        body: '修正を適用し、計測が再開しました。停止中のクリックは補完されています。',
        bodyEn: 'Fixed; counting has resumed and missed clicks were backfilled.',
      },
    ],
  },
  {
    title: '管理画面の表示が遅い',
    titleEn: 'Admin console is slow',
    severity: 'severe',
    impact: 'minor',
    startedDaysAgo: 0.05,
    durationMinutes: null,
    components: [{ key: 'ma-console', status: 'degraded_performance' }],
    updates: [
      {
        afterMinutes: 3,
        status: 'investigating',
        body: '管理画面の表示に時間がかかる事象を確認し、調査しています。',
        bodyEn: 'The admin console is loading slowly. We are investigating.',
      },
      {
        afterMinutes: 40,
        status: 'identified',
        body: '検索インデックスの再構築が原因と判明しました。完了まで1時間ほどかかる見込みです。',
        bodyEn: 'A search index rebuild is the cause; it should finish in about an hour.',
      },
    ],
  },
];

type DemoMaintenance = {
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** Start day relative to today in JST (negative = past) and the start hour in JST. */
  startDays: number;
  startHourJst: number;
  hours: number;
  noticeDays: number;
  downtimeMinutes: number;
  components: string[];
};

export const demoMaintenances: DemoMaintenance[] = [
  {
    title: '音声サーバーの定期メンテナンス',
    titleEn: 'Scheduled voice server maintenance',
    body: 'サーバーのアップデートを行います。作業中は発信・着信ができません。',
    bodyEn: 'Server updates. Calls cannot be placed or received during the work.',
    startDays: -30,
    startHourJst: 0,
    hours: 3,
    noticeDays: 7,
    downtimeMinutes: 180,
    components: ['calling', 'incoming'],
  },
  {
    title: 'データベース基盤の更新',
    titleEn: 'Database platform upgrade',
    body: 'データベース基盤を更新します。管理画面とメール配信が停止します。',
    bodyEn: 'We are upgrading the database platform. The admin console and email delivery will be unavailable.',
    startDays: 4,
    startHourJst: 21,
    hours: 4,
    noticeDays: 18,
    downtimeMinutes: 240,
    components: ['ma-console', 'mail-delivery'],
  },
  {
    title: '通話録音ストレージの増設',
    titleEn: 'Recording storage expansion',
    body: '録音ストレージを増設します。作業中、録音の再生ができない時間があります。',
    bodyEn: 'We are adding recording storage. Playback may be unavailable for part of the work.',
    startDays: 12,
    startHourJst: 1,
    hours: 2,
    noticeDays: 20,
    downtimeMinutes: 30,
    components: ['recordings'],
  },
];

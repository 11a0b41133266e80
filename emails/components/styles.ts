import type { CSSProperties } from 'react';
import type { NoticeType } from '../../lib/notices/message-types';

// Inline styles (mail clients ignore most stylesheets). Colours keep 4.5:1 contrast on white.

export const ACCENT: Record<NoticeType, string> = {
  incident_opened: '#b42318',
  incident_updated: '#b54708',
  incident_resolved: '#067647',
  maintenance_announced: '#175cd3',
  maintenance_reminder: '#175cd3',
  maintenance_started: '#175cd3',
  maintenance_completed: '#067647',
  maintenance_changed: '#b54708',
  maintenance_cancelled: '#475467',
};

const font = '-apple-system, BlinkMacSystemFont, "Hiragino Sans", "Hiragino Kaku Gothic ProN", Meiryo, "Segoe UI", sans-serif';

export const styles = {
  body: { backgroundColor: '#f2f4f7', fontFamily: font, margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', maxWidth: '600px', margin: '0 auto', padding: '0 0 24px', borderRadius: '8px' },
  header: { padding: '16px 24px', fontSize: '14px', color: '#344054', fontWeight: 600 },
  content: { padding: '0 24px' },
  heading: { fontSize: '20px', lineHeight: '28px', color: '#101828', margin: '16px 0 8px' },
  text: { fontSize: '15px', lineHeight: '24px', color: '#344054', margin: '8px 0' },
  fact: { fontSize: '14px', lineHeight: '22px', color: '#344054', margin: '2px 0' },
  body_: {
    fontSize: '15px',
    lineHeight: '24px',
    color: '#101828',
    whiteSpace: 'pre-wrap',
    margin: '16px 0',
    padding: '12px 16px',
    backgroundColor: '#f9fafb',
    borderLeft: '4px solid #d0d5dd',
  },
  button: {
    display: 'inline-block',
    padding: '12px 20px',
    borderRadius: '6px',
    color: '#ffffff',
    fontSize: '15px',
    fontWeight: 600,
    textDecoration: 'none',
  },
  hr: { borderColor: '#eaecf0', margin: '24px 0 16px' },
  footer: { fontSize: '12px', lineHeight: '18px', color: '#475467', margin: '4px 0' },
  // A 64-digit hash: small, monospace, allowed to wrap anywhere on a phone.
  evidence: {
    fontSize: '11px',
    lineHeight: '16px',
    color: '#475467',
    margin: '12px 0 0',
    fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
    wordBreak: 'break-all' as const,
  },
  link: { color: '#175cd3' },
} satisfies Record<string, CSSProperties>;

export const stripe = (color: string): CSSProperties => ({ height: '6px', backgroundColor: color, borderRadius: '8px 8px 0 0' });

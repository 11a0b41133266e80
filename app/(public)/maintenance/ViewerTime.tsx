'use client';

import { useEffect, useState } from 'react';

/**
 * The window again in the visitor's own time zone, when it differs from the page's. Rendered
 * after hydration only (the server cannot know the zone), so it never mismatches.
 */
export function ViewerTime(props: {
  start: string;
  end: string;
  pageTimeZone: string;
  locale: 'ja' | 'en';
  label: string;
  className?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === props.pageTimeZone) return;
    const format = new Intl.DateTimeFormat(props.locale === 'ja' ? 'ja-JP' : 'en-US', {
      timeZone: zone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    setText(`${format.format(new Date(props.start))} – ${format.format(new Date(props.end))}`);
  }, [props.start, props.end, props.pageTimeZone, props.locale]);
  if (!text) return null;
  return (
    <span className={props.className}>
      {props.label}: {text}
    </span>
  );
}

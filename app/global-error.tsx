'use client';

import ja from '@/messages/ja/public.json';
import en from '@/messages/en/public.json';
import jaLive from '@/messages/ja/live.json';
import enLive from '@/messages/en/live.json';
import { DatabaseStatus } from './_ui/live/DatabaseStatus';

// Last resort when even the layout failed: no server data here, so both languages at once.
export default function GlobalError({ reset }: { reset: () => void }) {
  return (
    <html lang="ja">
      <body>
        <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
          <DatabaseStatus messages={[jaLive.databaseDown, enLive.databaseDown]} />
          <h1>{ja.error.title}</h1>
          <p lang="en">{en.error.title}</p>
          <p>
            {ja.error.body} / <span lang="en">{en.error.body}</span>
          </p>
          <button type="button" onClick={() => reset()}>
            {ja.error.retry} / {en.error.retry}
          </button>
        </main>
      </body>
    </html>
  );
}

import type http from 'node:http';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { env } from '../env';
import { t } from '../i18n/messages';
import { visitorLocale } from '../public/http/routes';
import { holdServerErrors, type Replacement } from './server-error-hold';
import { RETRY_AFTER_SECONDS, unavailablePage } from '../public/http/unavailable-page';

// While the database is away, Next would answer every page that reads it with a 500. The custom
// server asks first (one cheap probe a second, shared by all requests) and answers such pages
// itself: a designed 503 with Retry-After. `/` and the other pre-rendered documents never get
// here: they are served from the last known copy before this gate. A request let through just
// before the database went away fails in Next with a 5xx: that answer is held back, the database
// asked again at once, and the 503 sent instead when it is gone (server-error-hold.ts).

const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

/** Paths that work without the database, or report its absence themselves. */
const NEEDS_NO_GATE =
  /^\/(?:_next\/|locale(?:\?|$)|favicon\.ico|robots\.txt|api\/(?:health|stream|metrics)(?:[/?]|$)|_malformed-url)/;

export type OutageGate = {
  /** Answers with a 503 when the request needs the database and it is away; true when it did. */
  answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
};

export function createOutageGate(database: DatabaseHandle): OutageGate {
  let up = true;
  let checkedAt = 0;
  let probing: Promise<boolean> | null = null;

  const probe = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS)),
      );
      await Promise.race([database.db.execute(sql`select 1`), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  const databaseUp = (fresh = false): Promise<boolean> => {
    if (!fresh && Date.now() - checkedAt < PROBE_EVERY_MS) return Promise.resolve(up);
    probing ??= probe().then((result) => {
      up = result;
      checkedAt = Date.now();
      probing = null;
      return result;
    });
    return probing;
  };

  const unavailable = (req: http.IncomingMessage, api: boolean): Replacement => {
    const locale = visitorLocale(req, env().DEFAULT_LOCALE);
    const head = req.method === 'HEAD';
    if (api) {
      const headers = {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': String(RETRY_AFTER_SECONDS),
      };
      return {
        status: 503,
        headers,
        body: head
          ? undefined
          : JSON.stringify({ error: t(locale, 'api')('errors.database_unavailable'), code: 'database_unavailable' }),
      };
    }
    const page = unavailablePage(locale, /^\/admin(?:[/?]|$)/.test(url(req)) ? 'console' : 'public');
    return { status: 503, headers: page.headers, body: head ? undefined : page.body };
  };

  return {
    async answer(req, res) {
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      const api = /^\/(?:api|u)\//.test(url(req));
      // Form posts (server actions) say "try again later" in the form themselves.
      if (NEEDS_NO_GATE.test(url(req)) || (!api && !readOnly)) return false;
      if (!(await databaseUp())) {
        const answer = unavailable(req, api);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return true;
      }
      holdServerErrors(res, async () => ((await databaseUp(true)) ? null : unavailable(req, api)));
      return false;
    },
  };
}

const url = (req: http.IncomingMessage) => req.url ?? '/';

import fs from 'node:fs';
import path from 'node:path';
import type { FormFields } from './action-forms';

// Calling a server action over HTTP the way React does: POST to a page that uses it, with the
// action's id in `Next-Action` and the arguments encoded as React's reply format (a multipart
// body whose part "0" is the argument list and whose form fields are prefixed "_1_").

export interface ActionEntry {
  id: string;
  filename: string;
  exportedName: string;
  /** A URL of a page that carries the action (dynamic segments filled with a placeholder). */
  pagePath: string;
}

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

export function serverActions(nextDir = path.resolve('.next')): ActionEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(nextDir, 'server/server-reference-manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? '',
    exportedName: entry.exportedName ?? '',
    pagePath: pageUrl(Object.keys(entry.workers)[0]),
  }));
}

/** "app/(public)/manage/[token]/page" → "/manage/x" */
function pageUrl(worker: string): string {
  const segments = worker
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith('[') ? '00000000-0000-0000-0000-000000000000' : s));
  return `/${segments.join('/')}`;
}

export interface ActionCall {
  baseUrl: string;
  action: ActionEntry;
  fields?: FormFields;
  /** Raw Cookie header (e.g. the session). */
  cookie?: string;
  /** The Origin header; defaults to the server's own. */
  origin?: string | null;
  /** (previousState, formData) for form-state actions, (formData) for plain ones, () for none. */
  shape?: 'form-state' | 'form' | 'none';
}

export async function callAction(call: ActionCall): Promise<{ status: number; body: string }> {
  const body = new FormData();
  const shape = call.shape ?? 'form-state';
  for (const [name, value] of Object.entries(call.fields ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(`_1_${name}`, item);
  }
  body.append('0', JSON.stringify(shape === 'form-state' ? [{ status: 'idle' }, '$K1'] : shape === 'form' ? ['$K1'] : []));
  const origin = call.origin === undefined ? call.baseUrl : call.origin;
  const response = await fetch(call.baseUrl + call.action.pagePath, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/x-component',
      'next-action': call.action.id,
      ...(origin ? { origin } : {}),
      ...(call.cookie ? { cookie: call.cookie } : {}),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** What the action returned, read from the RSC answer: its state's status and message, if any. */
export function actionOutcome(body: string): { status?: string; message?: string } {
  const status = /"status":"(ok|error|idle)"/.exec(body)?.[1];
  const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
  return { status, message: message === undefined ? undefined : (JSON.parse(`"${message}"`) as string) };
}

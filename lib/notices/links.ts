import { env } from '../env';

// Absolute links put into messages. Mail is read far from the server, so links need the public
// origin: PUBLIC_BASE_URL, or this machine's own address when it is unset (development).

export function publicBaseUrl(): string {
  const config = env();
  return (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** The warning printed at start when links would fall back to this machine's own address. */
export function publicBaseUrlWarning(config: { PUBLIC_BASE_URL?: string; PORT: number }, dev: boolean): string | null {
  if (dev || config.PUBLIC_BASE_URL) return null;
  return `Warning: PUBLIC_BASE_URL is not set. Links in mail, LINE, Chatwork, feeds and iCal will point to http://localhost:${config.PORT}; set it to the public https address.`;
}

export const subscriptionLinks = {
  /** The manage page (choose components, leave), from every message. */
  manage: (base: string, token: string) => `${base}/manage/${token}`,
  /** RFC 8058 one-click target for List-Unsubscribe; a GET lands on the manage page. */
  oneClick: (base: string, token: string) => `${base}/u/${token}`,
  confirm: (base: string, token: string) => `${base}/subscribe/confirm/${token}`,
  subscribe: (base: string) => `${base}/subscribe`,
};

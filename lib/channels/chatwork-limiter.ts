// Keeps Chatwork sends under both of its limits so that sending never meets a 429:
// - per token, a fixed window (300 per 5 min) whose state the API reports in x-ratelimit-*
//   headers; those headers win over our own count, so other processes using the token count too;
// - per room, 10 posts per 10 s, not reported: a sliding log of our own posts, each counted
//   until its answer arrived (the API saw it no later than that) plus the window.

export interface ChatworkLimits {
  tokenLimit: number;
  tokenWindowMs: number;
  roomLimit: number;
  roomWindowMs: number;
  /** Wait this much past x-ratelimit-reset (whole seconds, and our clock may differ from theirs). */
  resetMarginMs: number;
}

export const CHATWORK_LIMITS: ChatworkLimits = {
  tokenLimit: 300,
  tokenWindowMs: 5 * 60 * 1000,
  roomLimit: 10,
  roomWindowMs: 10_000,
  resetMarginMs: 1_000,
};

/** Call when the answer arrives (or the request failed), with its headers if there were any. */
export type ReleaseSlot = (headers?: Headers) => void;

interface RoomPost {
  answeredAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class ChatworkRateLimiter {
  private tokenLimit: number;
  private remaining: number;
  private resetAt = 0;
  /** False while resetAt is our own guess, true once an answer's headers confirmed it. */
  private confirmed = false;
  private inFlight = 0;
  private tokenQueue: Promise<void> = Promise.resolve();
  private rooms = new Map<string, RoomPost[]>();

  constructor(readonly limits: ChatworkLimits = CHATWORK_LIMITS) {
    this.tokenLimit = limits.tokenLimit;
    this.remaining = limits.tokenLimit;
  }

  /** Waits until one more post to `roomId` fits both limits. */
  async acquire(roomId: string): Promise<ReleaseSlot> {
    const post = await this.takeRoomSlot(roomId);
    const turn = this.tokenQueue.then(() => this.takeTokenSlot());
    this.tokenQueue = turn;
    await turn;
    let released = false;
    return (headers) => {
      if (released) return;
      released = true;
      this.inFlight--;
      post.answeredAt = Date.now();
      if (headers) this.learn(headers);
    };
  }

  /** When the token's window ends by the latest knowledge (for a 429's retry time). */
  tokenResetAt(): number {
    return this.resetAt;
  }

  private async takeRoomSlot(roomId: string): Promise<RoomPost> {
    if (this.rooms.size > 1_000) this.forgetQuietRooms();
    for (;;) {
      const now = Date.now();
      const posts = (this.rooms.get(roomId) ?? []).filter(
        (p) => p.answeredAt === undefined || p.answeredAt > now - this.limits.roomWindowMs,
      );
      this.rooms.set(roomId, posts);
      if (posts.length < this.limits.roomLimit) {
        const post: RoomPost = {};
        posts.push(post);
        return post;
      }
      const answered = posts.flatMap((p) => (p.answeredAt === undefined ? [] : [p.answeredAt]));
      // All slots are in flight: check again shortly; otherwise wait for the oldest to age out.
      await sleep(answered.length === 0 ? 20 : Math.min(...answered) + this.limits.roomWindowMs - now + 1);
    }
  }

  /** A long-running worker posts to many rooms once: drop logs that no longer limit anything. */
  private forgetQuietRooms(): void {
    const horizon = Date.now() - this.limits.roomWindowMs;
    for (const [roomId, posts] of this.rooms) {
      if (posts.every((p) => p.answeredAt !== undefined && p.answeredAt <= horizon)) this.rooms.delete(roomId);
    }
  }

  private async takeTokenSlot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now >= this.resetAt) {
        // A new window by our reckoning; the first answer's headers correct it.
        this.remaining = this.tokenLimit;
        this.resetAt = now + this.limits.tokenWindowMs;
        this.confirmed = false;
      }
      if (this.remaining > 0) {
        this.remaining--;
        this.inFlight++;
        return;
      }
      await sleep(this.resetAt - now);
    }
  }

  private learn(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const resetSec = Number(headers.get('x-ratelimit-reset'));
    if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining) || !Number.isFinite(resetSec) || resetSec <= 0)
      return;
    if (Number.isFinite(limit) && limit > 0) this.tokenLimit = Math.min(this.limits.tokenLimit, limit);

    const serverResetAt = resetSec * 1000 + this.limits.resetMarginMs;
    // An answer about a window that is already over says nothing about the current one.
    if (serverResetAt <= Date.now()) return;
    // Requests still in flight may not be counted in this answer yet: assume they will be.
    const serverRemaining = remaining - this.inFlight;
    const tolerance = 1_000 + this.limits.resetMarginMs;
    if (this.confirmed && serverResetAt > this.resetAt + tolerance) {
      // A later window than the one we knew: start from its count.
      this.remaining = serverRemaining;
    } else if (this.confirmed && serverResetAt < this.resetAt - tolerance) {
      return;
    } else {
      this.remaining = Math.min(this.remaining, serverRemaining);
    }
    this.resetAt = serverResetAt;
    this.confirmed = true;
  }
}

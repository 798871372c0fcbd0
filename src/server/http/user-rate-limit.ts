import { AppError } from "../lib/errors.js";

// A general per-user limit on the API (API_RATE_LIMIT requests a minute, generous by default): one
// signed-in account, however many sessions or addresses it uses, cannot flood the server. Fixed
// one-minute windows in memory; a restart forgets them, which only ever lets a user in sooner.

export function makeUserRateLimiter(limitPerMinute: number, now: () => number = Date.now) {
  let window = 0;
  let counts = new Map<string, number>();
  return {
    /** Counts one request of the user; throws 429 RATE_LIMITED past the limit. */
    hit(userId: string): void {
      const current = Math.floor(now() / 60_000);
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const n = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, n);
      if (n > limitPerMinute)
        throw new AppError(
          "too_many",
          "RATE_LIMITED",
          { zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
          [],
          { retryAfterSeconds: 60 - Math.floor((now() / 1000) % 60) },
        );
    },
  };
}

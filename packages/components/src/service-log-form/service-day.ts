// Service days are calendar days in Asia/Shanghai (UTC+8, no daylight saving), as the server sums them.
const shanghaiOffsetMs = 8 * 3600_000;

/** `YYYY-MM-DD` in Asia/Shanghai. */
export function shanghaiDate(at: Date = new Date()): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The instant a service day starts. */
export const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

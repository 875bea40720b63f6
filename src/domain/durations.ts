// Durations as operators write them in the environment: `100ms`, `5s`, `30m`, `2h`, `1d`.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Milliseconds in a duration such as `5s` or `2h`, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  const ms = Math.round(Number(match[1]) * (UNIT_MS[match[2]] as number));
  return ms > 0 ? ms : null;
}

/** A comma-separated list of durations; the first bad entry is reported by its position. */
export function parseDurationList(text: string): { ok: true; value: number[] } | { ok: false; error: string } {
  const parts = text.split(',');
  const value: number[] = [];
  for (const [index, part] of parts.entries()) {
    const ms = parseDuration(part);
    if (ms === null) return { ok: false, error: `entry ${index + 1} ("${part.trim()}") is not a duration such as 500ms, 5s, 30m, 2h or 1d` };
    value.push(ms);
  }
  return { ok: true, value };
}

/** A duration for people: `3d 14h 35m`, `400ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, seconds] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const amount = Math.floor(rest / seconds);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * seconds;
  }
  return parts.join(' ');
}

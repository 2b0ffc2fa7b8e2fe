// A shared module: its name starts with "_", so it is never a route itself.
// It imports dayjs, a CommonJS-only npm package, which tarsus push bundles.
import dayjs from "dayjs";

export const ISO_DAY = "YYYY-MM-DD";

export function addDays(day: string, days: number): string {
  const d = dayjs(day, ISO_DAY);
  if (!d.isValid()) {
    throw new Error(`not a date: ${day}`);
  }
  return d.add(days, "day").format(ISO_DAY);
}

export function weekday(day: string): string {
  return dayjs(day).format("dddd");
}

export function greeting(name: string): string {
  return `Hello, ${name}!`;
}

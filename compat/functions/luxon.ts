import { DateTime, Duration, Interval } from "luxon";

export default () => [{}, async (request: any) => {
  const d = DateTime.fromISO("2024-03-10T01:30:00", { zone: "America/New_York" });
  return { plus: d.plus({ hours: 1 }).toISO(), offset: d.plus({ hours: 1 }).offset, utc: d.toUTC().toISO(), fmt: d.toFormat("cccc d LLLL yyyy"), dur: Duration.fromObject({ hours: 25, minutes: 70 }).shiftTo("days", "hours", "minutes").toObject(), interval: Interval.fromDateTimes(d, d.plus({ days: 10 })).length("days"), rel: d.toRelative({ base: d.plus({ days: 3 }) }), locale: d.setLocale("fr").toFormat("DDDD") };
}];

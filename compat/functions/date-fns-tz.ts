import { formatInTimeZone, fromZonedTime, toZonedTime } from "date-fns-tz";

export default () => [{}, async (request: any) => {
  const d = new Date("2024-03-10T06:30:00Z");
  return { ny: formatInTimeZone(d, "America/New_York", "yyyy-MM-dd HH:mm zzz"), tokyo: formatInTimeZone(d, "Asia/Tokyo", "yyyy-MM-dd HH:mm XXX"), utcOfParis: fromZonedTime("2024-07-01 12:00", "Europe/Paris").toISOString(), zoned: toZonedTime(d, "Europe/London").getHours() };
}];

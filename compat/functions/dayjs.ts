import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import relativeTime from "dayjs/plugin/relativeTime.js";
dayjs.extend(utc);
dayjs.extend(relativeTime);

export default () => [{}, async (request: any) => {
  const d = dayjs.utc("2024-01-31T10:20:30Z");
  return { plusMonth: d.add(1, "month").format(), startOfWeek: d.startOf("week").toISOString(), fmt: d.format("dddd, MMMM D YYYY [at] HH:mm"), diffDays: dayjs.utc("2024-03-01").diff(d, "day"), from: d.from(dayjs.utc("2024-06-01")), valid: dayjs("not a date").isValid(), unix: d.unix(), leap: d.add(29, "day").format("YYYY-MM-DD") };
}];

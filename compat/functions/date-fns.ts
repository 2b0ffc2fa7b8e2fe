import { addDays, differenceInCalendarDays, formatISO, parseISO, isLeapYear, eachDayOfInterval, formatDistanceStrict, format } from "date-fns";

export default () => [{}, async (request: any) => {
  const d = parseISO("2024-02-27T12:00:00Z");
  return { plus3: addDays(d, 3).toISOString(), diff: differenceInCalendarDays(parseISO("2024-12-25T12:00:00Z"), d), leap: isLeapYear(d), days: eachDayOfInterval({ start: d, end: addDays(d, 3) }).length, distance: formatDistanceStrict(d, addDays(d, 45)), iso: formatISO(d, { representation: "date" }), fmt: format(new Date(2024, 1, 27, 12, 0), "yyyy-MM-dd'T'HH:mm EEE do") };
}];

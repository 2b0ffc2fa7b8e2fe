import moment from "moment";

export default () => [{}, async (request: any) => {
  const d = moment.utc("2024-01-31T10:20:30Z");
  return { plusMonth: d.clone().add(1, "month").format(), fmt: d.format("dddd, MMMM Do YYYY, h:mm:ss a"), fromNow: d.from(moment.utc("2024-05-01T00:00:00Z")), iso: d.toISOString(), dur: moment.duration(90061, "seconds").humanize(), valid: moment("2024-13-45", "YYYY-MM-DD", true).isValid(), week: d.isoWeek() };
}];

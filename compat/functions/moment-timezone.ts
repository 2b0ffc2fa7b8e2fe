import moment from "moment-timezone";

export default () => [{}, async (request: any) => {
  const d = moment.tz("2024-03-10 01:30", "America/New_York");
  return { ny: d.format(), plus: d.clone().add(1, "hour").format(), tokyo: d.clone().tz("Asia/Tokyo").format("YYYY-MM-DD HH:mm z"), abbr: d.zoneAbbr(), kolkata: moment.utc("2024-06-01T00:00:00Z").tz("Asia/Kolkata").format(), zones: moment.tz.names().length > 300 };
}];

// A cron job: runs every 5 minutes (UTC) as POST with body {} and the header
// x-tarsus-trigger: cron. Each run is an invocation record with
// "trigger": "cron" in the logs; `tarsus schedules` shows the next run.
import type { FastifyRequest } from "fastify";

export default function () {
  return [
    { config: { schedule: "*/5 * * * *" } },
    async (request: FastifyRequest) => {
      const byCron = request.headers["x-tarsus-trigger"] === "cron";
      console.log(`cleanup run ${byCron ? "on schedule" : "by hand"} at ${new Date().toISOString()}`);
      return { ran: true, byCron };
    },
  ];
}

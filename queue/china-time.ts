// Times anyone reads (staff on the console, residents in a status reply) are in China time,
// whatever the server's zone. Pure: the bot and the adapters share it.
const FORMAT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** @example formatChinaTime(new Date("2026-11-26T17:30:00Z")) → "2026/11/27 01:30" */
export function formatChinaTime(date: Date): string {
  return FORMAT.format(date);
}

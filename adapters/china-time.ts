// Times shown to staff are in China time, whatever the server's zone.
const FORMAT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** 2026/11/27 09:05 in China time. */
export function formatTime(date: Date): string {
  return FORMAT.format(date);
}

// Times shown to staff are in China time, whatever the server's zone (queue/china-time.ts).
export { formatChinaTime as formatTime } from "../queue/china-time.js";

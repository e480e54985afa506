/**
 * Chinese function words and filler that carry no meaning for finding a service.
 * Deliberately small: words like 老人, 孩子, 钱 stay, because they do tell us something.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(`
的 了 着 过 是 在 和 与 及 或 而 之 其 该 各 每 某 等 等等 个 们 得 地 所 以 于 为 被 把 给 让 对 向 从 到 跟 同 比 将 由
我 你 他 她 它 您 我们 你们 他们 她们 它们 咱们 咱 俺 人家 自己 大家 别人
这 那 这个 那个 这些 那些 这里 那里 这儿 那儿 这样 那样 这么 那么 这种 那种 这事 那事 这件 这次
什么 啥 怎么 怎么办 怎样 咋 咋办 咋整 咋弄 为什么 为啥 凭什么 哪 哪里 哪儿 多少 几
吗 呢 吧 啊 呀 哦 嗯 哎 唉 啦 嘛 呗 哈 喂 呐 哇 么
也 都 就 还 又 再 才 很 太 非常 特别 真 真的 挺 最 更 总 总是 老是 一直 已经 正在 曾经 马上 刚 刚刚
一 一个 一下 一些 一点 有 有点 没有 没 不 不是 别 要 想 能 会 可以 可能 应该 需要 得到 知道 觉得 感觉 看 看看 说 说是 讲 问 请问 请 麻烦
帮 帮忙 帮帮 求 求求 现在 今天 昨天 明天 去年 今年 前天 以前 之前 后来 时候 时 天天 每天 一天
情况 问题 事 事情 东西 方面 那边 这边 里面 外面 上面 下面 上 下 里 中 内 外 前 后 左右
因为 所以 但是 可是 但 然后 如果 要是 虽然 而且 还是 或者 并且 只是 就是 不过 结果 于是 然而 如何 无法 没法
不着 不了 起来 一遍 用 来 去 全 整天 一样 这家 那家
谢谢 你好 您好 好的 好 行 对 是的 嗯嗯 请问一下 一下子 个人 人 事儿
`.split(/\s+/).filter((w) => w.length > 0));

/** Keep a token for matching: not a stop word, not punctuation, digits or spaces. */
export function isContentToken(token: string): boolean {
  if (STOP_WORDS.has(token)) return false;
  return /[\p{Script=Han}A-Za-z]/u.test(token);
}

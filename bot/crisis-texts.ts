// What the crisis mode says: short lines a person in danger can read on a phone, in the order
// crisis lines use (safety first, then where, who is with you, a number to call back).
import type { Language } from "../queue/case-desk.js";

const zh = {
  help: {
    self: "我很担心您现在的安全。有危险请马上拨打 110，需要急救请拨 120。心里很难受、想找人说说，可以拨打心理援助热线 12356。",
    others: "现在最要紧的是谁都不要受伤。请马上拨打 110 报警，先离开对方，别动手，到安全的地方去。",
    // Said to the one hurt and to a parent telling of a child hurt (班里几个男娃天天打他) alike.
    violence: "如果您或您的家人（比如孩子）正在被人伤害，请马上拨打 110；受伤了请拨 120。能躲开的话，先到能锁门的房间、邻居家或有人的地方。",
    alsoSelf: "心里太难受的话，可以拨打心理援助热线 12356，有人听您说。",
    /** The means are at hand (农药就在手边): put distance between the person and them. */
    putAway: "如果农药、药片、绳子这些东西就在手边，请先把它们放到别的屋子，或者交给身边的人。",
    /** A red read in the whole story without a danger word: the hotlines, then the safety question. */
    general:
      "我很担心您现在的安全。如果有人正在受到伤害或有危险，请马上拨打 110；需要急救请拨 120；心里很难受、想找人说说，可以拨打心理援助热线 12356。",
  },
  stillDanger: "您说的情况很危险，请现在就拨打 110（急救 120），不要等。",
  /** After stillDanger when the danger rises again: one line of what to do, not the whole list. */
  again: {
    self: "心理援助热线 12356 也一直有人接听。我在这里陪着您。",
    others: "先离开对方，别动手，谁都不要受伤。",
    violence: "能躲的话，先躲到能锁门的房间或邻居家。",
  },
  placeNow: (known: string, now: string) => `${known}（居民说现在在：${now}）`,
  handedToStaff: "我已经把您的情况作为紧急事项交给中心工作人员，他们会尽快联系您。",
  heard: {
    place: "知道您在哪里了，我马上转告工作人员。",
    placeVague: (words: string) => `好的，记下了：您在${words}。方便的话，再告诉我是哪个乡镇、哪个村，工作人员好找到您。`,
    phone: (masked: string) => `号码 ${masked} 记下了，工作人员会打这个电话找您，请留意接听。`,
    companyYes: "有人在身边就好。请身边的人先陪着您，别一个人待着。",
    companyNoSelf: "您一个人，我很担心您。请现在就给家人、邻居或信得过的人打个电话，请他们马上过来陪您；如果觉得撑不住，请立刻拨打 120 或 110，他们会马上来帮您。",
    companyNo: "一个人的话，先待在安全的地方，把门锁好。",
    phoneDeclined: "好的，不留也没关系，工作人员会在这里回复您。",
    anything: "我在听，谢谢您愿意跟我说。",
    /** "算了", "不用你管", "别管我": the resident is giving up, not withdrawing a case. */
    givingUp: "我不会不管您，先别放弃。您现在的安全最要紧：有危险请马上拨打 110，急救 120；想找人说说，可以拨打 12356，一直有人接听。",
    /** "不知道" to a crisis question: fine, and the talk goes on. */
    notSure: "没关系，不知道也不要紧。",
    safetyAgain: "谢谢您告诉我。有一件事我还是想先问清楚，点一下「有」或「没有」就行：",
    safetyYes: "谢谢您告诉我，我很担心您。请先顾好安全：有危险马上拨打 110，急救 120；想找人说说可以拨打 12356。",
    /** The answer to the safety question was no: the crisis mode ends, the case stays with staff as filed. */
    safetyNo: (number: string) =>
      `好的，谢谢您告诉我。您的事已经登记，编号 ${number}，工作人员会尽快联系您。还想补充什么，直接发给我就行；之后如果有危险，请马上拨打 110。`,
  },
  ask: {
    safety: { self_harm: "我想先确认一下：您现在有伤害自己的想法吗？", danger: "我想先确认一下：现在有没有人有危险，包括您自己？" },
    place: "您现在在哪里？说个乡镇、村或者附近的地方就行，工作人员好找到您。",
    company: "您现在身边有人陪着吗？",
    phone: "方便留个手机号或者家里座机吗？工作人员可以直接打给您。不想留也没关系。",
    idle: "我一直在这里陪着您，工作人员会尽快联系您。想说什么都可以跟我说。",
  },
  hotlinesAgain: "有危险请随时拨打 110，急救 120。",
  stillFiling: "我在这里，一直在听。系统还在为您紧急登记，好了马上告诉您。有危险请马上拨打 110，急救 120。",
  personTookOver: "现在是中心的工作人员在和您说话，接下来由他们陪您处理。有危险请随时拨打 110。",
  /** A person claimed the case (before they write): the bot keeps answering, and says who is responsible. */
  claimed: (label: string) => `中心工作人员（${label}）已经接手您的事，现在由他们负责，会尽快联系您。我也还在这里陪着您，有危险请马上拨打 110。`,
  responsible: (label: string) => `我会马上把您的话转给负责您的${label}。`,
  idleClaimed: (label: string) => `负责您的${label}会尽快联系您。我一直在这里陪着您，想说什么都可以跟我说。`,
  declinedInDanger:
    "好的，您的个人信息我们不保存。但您刚才说的情况可能危及生命，按规定我们只把这一段话（电话、证件号、名字已隐去，不带您的身份）作为紧急情况转给了中心值班人员。需要帮助随时发 /start 找我。",
};

export type CrisisTexts = typeof zh;

const en: CrisisTexts = {
  help: {
    self: "I am worried about your safety. If you are in danger call 110 now; for an ambulance call 120. If you feel overwhelmed, the psychological assistance hotline 12356 is there to listen.",
    others: "What matters most now is that nobody gets hurt. Call the police on 110 now, move away from the other person, do not fight, and go somewhere safe.",
    violence: "If you or someone in your family (a child, for example) is being hurt, call 110 now; if anyone is injured call 120. If you can, get to a room you can lock, a neighbour's or somewhere with people around.",
    alsoSelf: "If you feel overwhelmed, the psychological assistance hotline 12356 is there to listen.",
    putAway: "If pesticide, pills, a rope or anything like that is within reach, please put it in another room or give it to someone near you.",
    general:
      "I am worried about your safety. If someone is being hurt or in danger, call 110 now; for an ambulance call 120; if you feel overwhelmed, the psychological assistance hotline 12356 is there to listen.",
  },
  stillDanger: "What you describe is dangerous. Please call 110 now (ambulance 120); do not wait.",
  again: {
    self: "The 12356 hotline is always answered too. I am here with you.",
    others: "Move away from the other person and do not fight; nobody should get hurt.",
    violence: "If you can, get to a room you can lock or to a neighbour's.",
  },
  placeNow: (known: string, now: string) => `${known} (resident says they are now at: ${now})`,
  handedToStaff: "I have passed your situation to the centre's staff as urgent; they will contact you as soon as possible.",
  heard: {
    place: "Thank you, I know where you are and I am telling the staff now.",
    placeVague: (words: string) => `Noted: you are at ${words}. If you can, tell me the township and village too, so staff can find you.`,
    phone: (masked: string) => `I have your number ${masked}; staff will call you on it, please keep your phone near.`,
    companyYes: "I am glad someone is with you. Please ask them to stay with you.",
    companyNoSelf: "You are alone and I am worried about you. Please call family, a neighbour or someone you trust now and ask them to come to you; if it feels too much, call 120 or 110 straight away and they will come to help you.",
    companyNo: "If you are alone, stay somewhere safe and lock the door.",
    phoneDeclined: "That is fine; staff will answer you here.",
    anything: "I am listening. Thank you for telling me.",
    givingUp: "I am not leaving you, please don't give up. Your safety matters most now: if you are in danger call 110, ambulance 120; to talk to someone, call 12356, it is always answered.",
    notSure: "That's all right, it doesn't matter if you don't know.",
    safetyAgain: "Thank you for telling me. There is one thing I would still like to ask first; just tap yes or no:",
    safetyYes: "Thank you for telling me; I am worried about you. Please keep safe: call 110 if you are in danger, 120 for an ambulance, or 12356 to talk to someone.",
    safetyNo: (number: string) =>
      `All right, thank you for telling me. Your case is registered as ${number} and staff will contact you soon. You can send me anything you want to add; if there is danger later, call 110 at once.`,
  },
  ask: {
    safety: { self_harm: "First, may I ask: are you having thoughts of harming yourself right now?", danger: "First, may I ask: is anyone in danger right now, including you?" },
    place: "Where are you right now? A township, village or a nearby landmark is enough, so staff can find you.",
    company: "Is someone with you right now?",
    phone: "Could you leave a mobile number or a landline so staff can call you directly? It is fine if you would rather not.",
    idle: "I am here with you, and staff will contact you as soon as possible. You can tell me anything.",
  },
  hotlinesAgain: "If you are in danger, call 110 at any time; ambulance 120.",
  stillFiling: "I am here and listening. The system is still registering your urgent case and I will tell you as soon as it is done. If you are in danger call 110 now; ambulance 120.",
  personTookOver: "A member of the centre's staff is talking with you now and will take it from here. If you are in danger, call 110 at any time.",
  claimed: (label: string) => `A member of the centre's staff (${label}) has taken over and is now responsible; they will contact you soon. I am still here with you. If you are in danger, call 110 now.`,
  responsible: (label: string) => `I am passing what you said to ${label}, who is responsible for your case.`,
  idleClaimed: (label: string) => `${label}, who is responsible for your case, will contact you soon. I am here with you; you can tell me anything.`,
  declinedInDanger:
    "All right, we will not keep your personal details. But what you said may put a life at risk, so only that message (phone and ID numbers and your name removed, without who you are) was passed to the centre's duty staff as an emergency. Send /start whenever you need help.",
};

export function crisisTextsFor(language: Language): CrisisTexts {
  return language === "en" ? en : zh;
}

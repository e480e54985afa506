// What a message says about each intake item, the shape every slot reader (Chinese, English) fills.

export interface Slots {
  place?: { township?: { id: string; name: string }; village?: { id: string; name: string }; text: string };
  otherParty?: { text: string; relation: string; named: boolean };
  /** The other party's name told without the relation: "他姓王", "对方叫王老三" → 姓王, 王老三. */
  otherName?: string;
  since?: { text: string; days?: number };
  /** `kinds` is empty when the resident says nothing was tried yet. */
  attempts?: { text: string; kinds: string[] };
  wants?: string;
  phone?: string;
  name?: string;
}

export type SlotName = keyof Slots;

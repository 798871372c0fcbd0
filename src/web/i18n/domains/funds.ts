// UI strings of the funds domain, merged into ../dict.ts. `zh` is the source; `en` has the same keys.

export const fundsZh = {} as const;

export const fundsEn: Record<keyof typeof fundsZh, string> = {};

// UI strings of the registry domain, merged into ../dict.ts. `zh` is the source; `en` has the same keys.

export const registryZh = {} as const;

export const registryEn: Record<keyof typeof registryZh, string> = {};

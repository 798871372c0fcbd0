// UI strings of the services domain, merged into ../dict.ts. `zh` is the source; `en` has the same keys.

export const servicesZh = {} as const;

export const servicesEn: Record<keyof typeof servicesZh, string> = {};

// UI strings of the portal domain, merged into ../dict.ts. `zh` is the source; `en` has the same keys.

export const portalZh = {} as const;

export const portalEn: Record<keyof typeof portalZh, string> = {};

/** Managed lists (字典): signing events (沪洽会 …), industries, locations (乡镇/园区). */
export const LOOKUP_KINDS = ['source', 'industry', 'location'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

/** Where the investor comes from: domestic 境内, hmt 港澳台, foreign 境外. */
export const INVESTOR_ORIGINS = ['domestic', 'hmt', 'foreign'] as const;
export type InvestorOrigin = (typeof INVESTOR_ORIGINS)[number];

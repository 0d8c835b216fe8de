import type { Config } from '../config';

/** The two SQL engines the store runs on; migrations branch on it where their SQL differs. */
export type StoreEngine = Config['store']['engine'];

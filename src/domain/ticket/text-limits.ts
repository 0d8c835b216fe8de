/**
 * Longest accepted free text, in Unicode code points. Chosen so that a whole report fits one review
 * card under Teams' 28 KB message limit even in Cyrillic (two bytes a letter).
 */
export const textLimits = {
  title: 150,
  offerName: 200,
  offerId: 100,
  description: 4000,
  affected: 500,
  dataOrSystems: 1000,
  remediationSteps: 2000,
  customerMessage: 2000,
  cvssVector: 200,
  question: 2000,
  answer: 4000,
  message: 4000,
  summary: 2000,
  whatMustChange: 2000,
  removalReason: 1000,
  restoreSteps: 2000,
  note: 1000,
  changeReason: 500,
  tenantId: 100,
  actorId: 200,
  actorName: 200,
} as const;

export const maxOffersPerReport = 10;
export const maxCveIdsPerReport = 20;

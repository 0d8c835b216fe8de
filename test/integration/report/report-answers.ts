/** Answers that pass every step, as a person would type them into the cards. */
export const incidentKind = {
  category: 'incident',
  offerName0: 'Contoso WAF',
  offerId0: 'contoso.contoso-waf',
  title: 'Customer data exposed through the export API',
};

export const incidentDetails = {
  description: "An export endpoint returned other tenants' rows when called with a crafted filter.",
  discoveredOn: '2026-11-20',
  knownExploited: 'yes',
  affected: 'Customers on version 2.x',
  dataOrSystems: 'Customer contact records in the export service',
  startedOn: '2026-11-18',
  ongoing: 'no',
  personalData: 'no',
};

export const vulnerabilityKind = {
  category: 'vulnerability',
  offerName0: 'Contoso WAF',
  offerId0: 'contoso.contoso-waf',
  offerName1: 'Contoso Gateway',
  offerId1: 'Contoso.Gateway',
  title: 'SQL injection in the reporting API',
};

export const vulnerabilityDetails = {
  description: 'The reporting API builds SQL from the sort parameter.',
  discoveredOn: '2026-11-21',
  knownExploited: 'unknown',
  affected: '',
};

export const vulnerabilityData = {
  cveIds: 'cve-2026-12345, CVE-2026-12346',
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
};

export const fullFix = { fixKind: 'full', remediationSteps: 'Upgrade to 2.4.1.', expectedOn: '' };
export const noFix = { fixKind: 'none', remediationSteps: '', expectedOn: '2026-12-15' };
export const noMessage = { messageChoice: 'none', customerMessage: '' };
export const ownMessage = {
  messageChoice: 'have',
  customerMessage:
    'Contoso WAF and Contoso Gateway before 2.4.1 are affected by CVE-2026-12345 and CVE-2026-12346. Please upgrade to 2.4.1 today.',
};

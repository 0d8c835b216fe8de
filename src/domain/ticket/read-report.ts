import { isRecord, readChoice, readIsoDate, readText } from './read-fields';
import { maxCveIdsPerReport, maxOffersPerReport, textLimits } from './text-limits';
import {
  fixKinds,
  yesNoUnknown,
  type Category,
  type CvssRating,
  type ReportedOffer,
  type TicketReport,
} from './ticket';
import type { TicketError } from './ticket-errors';

const offerIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const cveIdPattern = /^CVE-\d{4}-\d{4,19}$/;
const cvssVersions = ['3.0', '3.1', '4.0'] as const;

/**
 * Checks and cleans what the publisher reported. Only the block of the report's category is kept (a
 * publisher who switched category in the dialog may still carry the other one). The CVSS vector is
 * checked for its shape and version here; that it scores as stated is the CVSS module's check.
 * Field names in errors are paths into the report: 'title', 'offers.0.offerId', 'fix.remediationSteps'.
 */
export function readReport(
  raw: unknown,
  category: Category,
  now: Date,
  errors: TicketError[],
): TicketReport | undefined {
  if (!isRecord(raw)) {
    errors.push({ key: 'ticket.field.required', field: 'report' });
    return undefined;
  }
  const before = errors.length;
  const title = readText(
    raw.title,
    'title',
    { max: textLimits.title, required: true, singleLine: true },
    errors,
  );
  const offers = readOffers(raw.offers, errors);
  const description = readText(
    raw.description,
    'description',
    { max: textLimits.description, required: true },
    errors,
  );
  const discoveredOn = readIsoDate(
    raw.discoveredOn,
    'discoveredOn',
    { required: false, notAfter: 'today', now },
    errors,
  );
  const knownExploited = readChoice(raw.knownExploited, 'knownExploited', yesNoUnknown, errors);
  const affected = readText(raw.affected, 'affected', { max: textLimits.affected, required: false }, errors);
  const incident = category === 'incident' ? readIncident(raw.incident, now, errors) : undefined;
  const vulnerability =
    category === 'vulnerability' ? readVulnerability(raw.vulnerability, errors) : undefined;
  const fix = readFix(raw.fix, now, errors);
  const customerMessage = readText(
    raw.customerMessage,
    'customerMessage',
    { max: textLimits.customerMessage, required: false },
    errors,
  );
  if (errors.length > before || !title || !offers || !description || !knownExploited || !fix)
    return undefined;
  return {
    title,
    offers,
    description,
    knownExploited,
    fix,
    ...(discoveredOn ? { discoveredOn } : {}),
    ...(affected ? { affected } : {}),
    ...(incident ? { incident } : {}),
    ...(vulnerability ? { vulnerability } : {}),
    ...(customerMessage ? { customerMessage } : {}),
  };
}

export function readOffers(raw: unknown, errors: TicketError[]): ReportedOffer[] | undefined {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    errors.push({ key: 'ticket.field.required', field: 'offers' });
    return undefined;
  }
  if (!Array.isArray(raw)) {
    errors.push({ key: 'ticket.field.invalid', field: 'offers' });
    return undefined;
  }
  if (raw.length > maxOffersPerReport) {
    errors.push({ key: 'ticket.field.tooMany', field: 'offers', max: maxOffersPerReport });
    return undefined;
  }
  const offers: ReportedOffer[] = [];
  raw.forEach((item: unknown, i) => {
    const entry = isRecord(item) ? item : {};
    const name = readText(
      entry.name,
      `offers.${i}.name`,
      { max: textLimits.offerName, required: true, singleLine: true },
      errors,
    );
    const offerId = readText(
      entry.offerId,
      `offers.${i}.offerId`,
      { max: textLimits.offerId, required: true, singleLine: true },
      errors,
    );
    if (offerId !== undefined && !offerIdPattern.test(offerId)) {
      errors.push({ key: 'ticket.field.invalid', field: `offers.${i}.offerId` });
    } else if (name && offerId) {
      offers.push({ name, offerId });
    }
  });
  return offers.length === raw.length ? offers : undefined;
}

function readIncident(raw: unknown, now: Date, errors: TicketError[]): TicketReport['incident'] {
  const entry = isRecord(raw) ? raw : {};
  const dataOrSystems = readText(
    entry.dataOrSystems,
    'incident.dataOrSystems',
    { max: textLimits.dataOrSystems, required: true },
    errors,
  );
  const startedOn = readIsoDate(
    entry.startedOn,
    'incident.startedOn',
    { required: false, notAfter: 'today', now },
    errors,
  );
  const ongoing = readChoice(entry.ongoing, 'incident.ongoing', yesNoUnknown, errors);
  const personalData =
    entry.personalData === undefined || entry.personalData === null || entry.personalData === ''
      ? undefined
      : readChoice(entry.personalData, 'incident.personalData', yesNoUnknown, errors);
  if (!dataOrSystems || !ongoing) return undefined;
  return {
    dataOrSystems,
    ongoing,
    ...(startedOn ? { startedOn } : {}),
    ...(personalData ? { personalData } : {}),
  };
}

function readVulnerability(raw: unknown, errors: TicketError[]): TicketReport['vulnerability'] {
  const entry = isRecord(raw) ? raw : {};
  const before = errors.length;
  const cveIds = readCveIds(entry.cveIds, errors);
  const cvss = entry.cvss === undefined || entry.cvss === null ? undefined : readCvss(entry.cvss, errors);
  if (errors.length > before || !cveIds) return undefined;
  // The procedure asks for a CVE id or a completed CVSS calculator: one of the two is required.
  if (cveIds.length === 0 && !cvss) {
    errors.push({ key: 'ticket.field.required', field: 'vulnerability.cveOrCvss' });
    return undefined;
  }
  return { cveIds, ...(cvss ? { cvss } : {}) };
}

function readCveIds(raw: unknown, errors: TicketError[]): string[] | undefined {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push({ key: 'ticket.field.invalid', field: 'vulnerability.cveIds' });
    return undefined;
  }
  const ids = new Set<string>();
  for (const [i, item] of raw.entries()) {
    const id = typeof item === 'string' ? item.trim().toUpperCase() : '';
    if (!cveIdPattern.test(id)) {
      errors.push({ key: 'ticket.field.invalid', field: `vulnerability.cveIds.${i}` });
      return undefined;
    }
    ids.add(id);
  }
  if (ids.size > maxCveIdsPerReport) {
    errors.push({ key: 'ticket.field.tooMany', field: 'vulnerability.cveIds', max: maxCveIdsPerReport });
    return undefined;
  }
  return [...ids];
}

export function readCvss(raw: unknown, errors: TicketError[]): CvssRating | undefined {
  const entry = isRecord(raw) ? raw : {};
  const version = readChoice(entry.version, 'vulnerability.cvss.version', cvssVersions, errors);
  const vector = readText(
    entry.vector,
    'vulnerability.cvss.vector',
    { max: textLimits.cvssVector, required: true, singleLine: true },
    errors,
  );
  if (
    version &&
    vector &&
    !new RegExp(`^CVSS:${version.replace('.', '\\.')}/[A-Za-z]+:[A-Za-z]+(/[A-Za-z]+:[A-Za-z]+)*$`).test(
      vector,
    )
  ) {
    errors.push({ key: 'ticket.field.invalid', field: 'vulnerability.cvss.vector' });
    return undefined;
  }
  const score = entry.baseScore;
  if (
    typeof score !== 'number' ||
    !Number.isFinite(score) ||
    score < 0 ||
    score > 10 ||
    Math.abs(Math.round(score * 10) - score * 10) > 1e-9
  ) {
    errors.push({ key: 'ticket.field.invalid', field: 'vulnerability.cvss.baseScore' });
    return undefined;
  }
  return version && vector ? { version, vector, baseScore: score } : undefined;
}

export function readFix(raw: unknown, now: Date, errors: TicketError[]): TicketReport['fix'] | undefined {
  const entry = isRecord(raw) ? raw : {};
  const kind = readChoice(entry.kind, 'fix.kind', fixKinds, errors);
  if (kind === 'full' || kind === 'partial') {
    const remediationSteps = readText(
      entry.remediationSteps,
      'fix.remediationSteps',
      { max: textLimits.remediationSteps, required: true },
      errors,
    );
    return remediationSteps ? { kind, remediationSteps } : undefined;
  }
  if (kind === 'none') {
    const before = errors.length;
    const expectedOn = readIsoDate(
      entry.expectedOn,
      'fix.expectedOn',
      { required: false, notBefore: 'today', now },
      errors,
    );
    return errors.length > before ? undefined : { kind, ...(expectedOn ? { expectedOn } : {}) };
  }
  return undefined;
}

import { categories, maxOffersPerReport, textLimits, type ReportedOffer } from '../../../domain/ticket';
import { FieldReader } from '../field-reader';
import { categoryOf, field, type ReportStep } from '../report-step';
import type { FieldValues } from '../report-draft';

/** Marketplace offer ids are lowercase: publisher id, a dot, offer id (letters, digits, '-', '_'). */
export const offerIdPattern = /^[a-z0-9][a-z0-9._-]*$/;
const offerIdClientRegex = '^\\s*[A-Za-z0-9][A-Za-z0-9._-]*\\s*$';

const offerIndexes = [...Array(maxOffersPerReport).keys()];
const nameId = (i: number) => `offerName${i}`;
const idId = (i: number) => `offerId${i}`;

function filledRows(values: FieldValues): number[] {
  return offerIndexes.filter((i) => (values[nameId(i)] ?? '').trim() || (values[idId(i)] ?? '').trim());
}

/** Step 1: problem type (always a security event), category, the affected offers and a short title. */
export const kindStep: ReportStep = {
  name: 'kind',
  card: 'report-kind',
  appliesTo: () => true,

  inputs: () => ({
    category: 40,
    title: textLimits.title * 2,
    ...Object.fromEntries(
      offerIndexes.flatMap((i) => [
        [nameId(i), textLimits.offerName * 2],
        [idId(i), textLimits.offerId * 2],
      ]),
    ),
  }),

  read(values, ctx) {
    const reader = new FieldReader(values, ctx);
    const category = reader.choice('category', categories);
    const offers: ReportedOffer[] = [];
    const seen = new Set<string>();
    for (const i of filledRows(values)) {
      const name = reader.text(nameId(i), { max: textLimits.offerName, required: false, singleLine: true });
      const rawId = reader.text(idId(i), { max: textLimits.offerId, required: false, singleLine: true });
      const offerId = rawId?.toLowerCase();
      if (!name && !reader.errors[nameId(i)]) reader.fail(nameId(i), ctx.t('report.error.offerIncomplete'));
      if (!offerId && !reader.errors[idId(i)]) reader.fail(idId(i), ctx.t('report.error.offerIncomplete'));
      if (offerId && !offerIdPattern.test(offerId)) reader.fail(idId(i), ctx.t('report.error.offerId'));
      else if (offerId && seen.has(offerId)) reader.fail(idId(i), ctx.t('report.error.offerDuplicate'));
      else if (name && offerId) {
        seen.add(offerId);
        offers.push({ name, offerId });
      }
    }
    if (filledRows(values).length === 0) reader.fail(nameId(0), ctx.t('report.error.offerRequired'));
    const title = reader.text('title', { max: textLimits.title, required: true, singleLine: true });
    if (!reader.ok || !category || !title) return { errors: reader.errors };
    return { errors: {}, part: { category, title, offers } };
  },

  cardData(draft, errors, ctx) {
    const { values } = draft;
    const filled = filledRows(values);
    const errorRows = offerIndexes.filter((i) => errors[nameId(i)] || errors[idId(i)]);
    const lastShown = Math.max(0, ...filled, ...errorRows);
    const category = categoryOf(values) ?? '';
    return {
      f: {
        category: { ...field(values, errors, 'category'), value: category },
        title: field(values, errors, 'title', ctx.t('report.kind.titleLabel', { max: textLimits.title })),
      },
      maxTitle: textLimits.title,
      maxOfferName: textLimits.offerName,
      maxOfferId: textLimits.offerId,
      offerIdRegex: offerIdClientRegex,
      offersHelp: ctx.t('report.kind.offersHelp', { max: maxOffersPerReport }),
      offers: offerIndexes.map((i) => ({
        index: i,
        rowId: `offerRow${i}`,
        addId: `offerAdd${i}`,
        nextRowId: `offerRow${i + 1}`,
        visible: i <= lastShown,
        // Each row carries the button that reveals the next one; only the last shown row's is visible.
        addVisible: i >= lastShown,
        hasNext: i + 1 < maxOffersPerReport,
        // Each toggle names the row it opens ("Add a 2nd offer"): nine "Add another offer" read alike.
        addTitle: ctx.t('report.kind.addOffer', { ordinal: i + 2 }),
        required: i === 0,
        name: field(values, errors, nameId(i)),
        offerId: field(values, errors, idId(i)),
      })),
    };
  },

  reviewItems(part, ctx) {
    return [
      { label: ctx.t('report.problemType'), value: ctx.t('report.problemTypeValue') },
      {
        label: ctx.t('report.field.category'),
        value: ctx.t(`report.category.${part.category ?? 'incident'}`),
      },
      {
        label: ctx.t('report.field.offers'),
        value: (part.offers ?? []).map((o) => `${o.name} (${o.offerId})`).join('\n'),
      },
      { label: ctx.t('report.field.title'), value: part.title ?? '' },
    ];
  },
};

import { textLimits, yesNoUnknown, type TicketReport } from '../../../domain/ticket';
import { FieldReader, todayIn } from '../field-reader';
import { categoryOf, field, type ReportStep } from '../report-step';
import { yesNoUnknownChoices } from './choice-labels';
import { formatDate } from './format-date';

/** Step 2: what happened (incident) or what the vulnerability is; incidents also say what and since when. */
export const detailsStep: ReportStep = {
  name: 'details',
  card: 'report-details',
  appliesTo: () => true,

  inputs: (values) => ({
    description: textLimits.description * 2,
    discoveredOn: 20,
    knownExploited: 20,
    affected: textLimits.affected * 2,
    ...(categoryOf(values) === 'incident'
      ? { dataOrSystems: textLimits.dataOrSystems * 2, startedOn: 20, ongoing: 20, personalData: 20 }
      : {}),
  }),

  read(values, ctx) {
    const reader = new FieldReader(values, ctx);
    const description = reader.text('description', { max: textLimits.description, required: true });
    const discoveredOn = reader.date('discoveredOn', 'notAfterToday');
    const knownExploited = reader.choice('knownExploited', yesNoUnknown);
    const affected = reader.text('affected', { max: textLimits.affected, required: false });
    let incident: TicketReport['incident'];
    if (categoryOf(values) === 'incident') {
      const dataOrSystems = reader.text('dataOrSystems', { max: textLimits.dataOrSystems, required: true });
      const startedOn = reader.date('startedOn', 'notAfterToday');
      const ongoing = reader.choice('ongoing', yesNoUnknown);
      // GDPR Art. 33: 'yes' starts the 72-hour clock and offers the authority-notification outline.
      const personalData = reader.choice('personalData', yesNoUnknown);
      if (startedOn && discoveredOn && startedOn > discoveredOn) {
        reader.fail(
          'startedOn',
          ctx.t('report.error.startedAfterDiscovered', { date: formatDate(discoveredOn, ctx.locale) }),
        );
      }
      if (dataOrSystems && ongoing && personalData)
        incident = { dataOrSystems, ongoing, personalData, ...(startedOn ? { startedOn } : {}) };
    }
    if (!reader.ok || !description || !knownExploited) return { errors: reader.errors };
    return {
      errors: {},
      part: {
        description,
        knownExploited,
        ...(discoveredOn ? { discoveredOn } : {}),
        ...(affected ? { affected } : {}),
        ...(incident ? { incident } : {}),
      },
    };
  },

  cardData(draft, errors, ctx) {
    const { values } = draft;
    const incident = categoryOf(values) === 'incident';
    const { t } = ctx;
    return {
      incident,
      heading: t(incident ? 'report.details.titleIncident' : 'report.details.titleVulnerability'),
      today: todayIn(ctx),
      yesNoUnknown: yesNoUnknownChoices(t),
      personalDataChoices: yesNoUnknown.map((value) => ({
        title: t(`report.details.personalDataChoice.${value}`),
        value,
      })),
      maxDescription: textLimits.description,
      maxAffected: textLimits.affected,
      maxDataOrSystems: textLimits.dataOrSystems,
      f: {
        description: {
          ...field(
            values,
            errors,
            'description',
            t('report.details.description', { max: textLimits.description }),
          ),
          placeholder: t(
            incident
              ? 'report.details.descriptionPlaceholderIncident'
              : 'report.details.descriptionPlaceholderVulnerability',
          ),
        },
        discoveredOn: field(values, errors, 'discoveredOn'),
        knownExploited: field(values, errors, 'knownExploited'),
        affected: field(
          values,
          errors,
          'affected',
          t('report.details.affected', { max: textLimits.affected }),
        ),
        dataOrSystems: field(
          values,
          errors,
          'dataOrSystems',
          t('report.details.dataOrSystems', { max: textLimits.dataOrSystems }),
        ),
        startedOn: field(values, errors, 'startedOn'),
        ongoing: field(values, errors, 'ongoing'),
        personalData: field(values, errors, 'personalData'),
      },
    };
  },

  reviewItems(part, ctx) {
    const { t, locale } = ctx;
    const none = t('report.review.none');
    return [
      { label: t('report.field.description'), value: part.description ?? '' },
      {
        label: t('report.field.discoveredOn'),
        value: part.discoveredOn ? formatDate(part.discoveredOn, locale) : none,
      },
      {
        label: t('report.field.knownExploited'),
        value: t(`report.choice.${part.knownExploited ?? 'unknown'}`),
      },
      { label: t('report.field.affected'), value: part.affected ?? none },
      ...(part.incident
        ? [
            { label: t('report.field.dataOrSystems'), value: part.incident.dataOrSystems },
            {
              label: t('report.field.startedOn'),
              value: part.incident.startedOn ? formatDate(part.incident.startedOn, locale) : none,
            },
            { label: t('report.field.ongoing'), value: t(`report.choice.${part.incident.ongoing}`) },
            {
              label: t('report.field.personalData'),
              value: t(`report.details.personalDataChoice.${part.incident.personalData ?? 'unknown'}`),
            },
          ]
        : []),
    ];
  },
};

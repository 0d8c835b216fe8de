import type { CvssText, DraftStrings, OfferCount } from './draft-strings';

const theOffers = (offers: OfferCount) => (offers === 'one' ? 'the offer' : 'the affected offers');
const cvssDetail = (c: CvssText) => `CVSS ${c.version} base score ${c.score}, vector ${c.vector}`;

export const draftStringsEn: DraftStrings = {
  placeholder: {
    title: '[Title]',
    offers: '[Affected offers]',
    description: '[Description of the issue]',
    dataOrSystems: '[Data or systems involved]',
    affected: '[Affected versions and customers]',
    discoveredOn: '[Date of discovery]',
    startedOn: '[Start date]',
    severity: '[Severity]',
    steps: '[Remediation steps]',
    dueBy: '[Date the change is due]',
    expectedFix: '[Expected fix date]',
    interimMeasures: '[Interim measures customers can take]',
    measures: '[Measures customers can take]',
    impact: '[What the issue could allow, in plain words]',
    contact: '[Contact for questions]',
    publisherName: '[Publisher name]',
    fullAdvisoryLink: '[Link to the full advisory]',
    revisionSummary: '[Summary of this revision]',
    awarenessDate: '[Date you became aware of the breach]',
    deadline: '[Notification deadline]',
    dataSubjectCategories: '[Categories of data subjects]',
    dataSubjectCount: '[Approximate number of data subjects]',
    reference: '[Confirmation number, given on submission]',
    recordCategories: '[Categories of personal data records]',
    recordCount: '[Approximate number of personal data records]',
    dpoContact: '[Name and contact details of the data protection officer or other contact point]',
    consequences: '[Likely consequences of the breach for the data subjects]',
    adverseEffects: '[Measures to mitigate possible adverse effects on the data subjects]',
  },
  rating: { None: 'None', Low: 'Low', Medium: 'Medium', High: 'High', Critical: 'Critical' },
  email: {
    formal: {
      subject: {
        vulnerability: (title) => `Security advisory: ${title}`,
        incident: (title) => `Security incident notification: ${title}`,
      },
      greeting: 'Dear customer,',
      vulnerabilitySummary: (offers, discoveredOn) =>
        `We are writing to inform you of a security vulnerability affecting ${offers}, which we identified on ${discoveredOn}.`,
      incidentSummary: (offers, startedOn, discoveredOn) =>
        `We are writing to inform you of a security incident affecting ${offers}. It began on ${startedOn}, and we became aware of it on ${discoveredOn}.`,
      affected: (text) => `Affected versions and customers: ${text}`,
      dataOrSystems: (text) => `Data or systems involved: ${text}`,
      personalData: {
        yes: 'The incident involves personal data.',
        no: 'No personal data is involved.',
        unknown: 'We are determining whether personal data is involved.',
      },
      ongoing: {
        yes: 'Our investigation is ongoing, and we will update you as we learn more.',
        no: 'The incident has been contained.',
        unknown: 'We are still determining whether the incident has been contained.',
      },
      impact: (placeholder) => `What this means for you: ${placeholder}`,
      cveIds: (ids) => `The vulnerability is tracked as ${ids}.`,
      severityBySupport: (level, cvss) =>
        `Its severity is rated ${level}.` +
        (cvss ? ` The CVSS ${cvss.version} base score is ${cvss.score} (vector ${cvss.vector}).` : ''),
      severityByPublisher: (level, cvss) =>
        `Based on our own assessment, its severity is ${level} (${cvssDetail(cvss)}).`,
      severityMissing: (placeholder, cvss) =>
        `Its severity is ${placeholder}.` +
        (cvss ? ` The CVSS ${cvss.version} base score is ${cvss.score} (vector ${cvss.vector}).` : ''),
      exploited: {
        yes: 'We are aware that this issue is being actively exploited.',
        no: 'We have no evidence that this issue has been exploited.',
        unknown: 'We are investigating whether this issue has been exploited.',
      },
      fix: {
        full: (steps, urgent) =>
          `A fix is available. ${
            urgent
              ? 'As the issue is being actively exploited, please take the following steps without delay'
              : 'To protect your deployment, please take the following steps'
          }:\n${steps}`,
        partial: (steps, urgent) =>
          `A partial fix is available while we prepare a complete one. ${
            urgent
              ? 'As the issue is being actively exploited, please take the following steps without delay to reduce your exposure'
              : 'To reduce your exposure now, please take the following steps'
          }:\n${steps}`,
        noneAvailable: (expectedOn, interimMeasures) =>
          `A fix is not yet available; we expect to release one by ${expectedOn}. In the meantime: ${interimMeasures}. We will inform you as soon as the fix is released.`,
        noFixPlanned: (measures) => `No fix is planned for this issue. What you can do: ${measures}.`,
      },
      reported: (reference) => `We have reported this issue to Microsoft under reference ${reference}.`,
      outcome: {
        mitigated: (reference) =>
          `Microsoft has reviewed our report (reference ${reference}) and considers the issue mitigated.`,
        changeRequested: (reference, dueBy, offers) =>
          `Microsoft has reviewed our report (reference ${reference}) and asked us to change ${theOffers(offers)} by ${dueBy}.`,
        offerRemoved: (reference, removal, offers) =>
          `Following Microsoft's review of our report (reference ${reference}), ${
            offers === 'one' ? 'the offer has' : 'the affected offers have'
          } been ${removal === 'temporary' ? 'temporarily' : 'permanently'} removed from Azure Marketplace.`,
        noActionNeeded: (reference) =>
          `Microsoft has reviewed our report (reference ${reference}) and concluded that no further action is needed.`,
      },
      contact: (contact) => `If you have any questions, please contact us at ${contact}.`,
      closing: (publisher) =>
        `We apologise for any inconvenience and thank you for your trust.\n\nKind regards,\n${publisher}`,
    },
    plain: {
      subject: {
        vulnerability: (title) => `Security update: ${title}`,
        incident: (title) => `Security incident: ${title}`,
      },
      greeting: 'Hello,',
      vulnerabilitySummary: (offers, discoveredOn) =>
        `On ${discoveredOn}, we found a security vulnerability in ${offers}.`,
      incidentSummary: (offers, startedOn, discoveredOn) =>
        `We had a security incident affecting ${offers}. It began on ${startedOn}. We found out on ${discoveredOn}.`,
      affected: (text) => `Who is affected: ${text}`,
      dataOrSystems: (text) => `What is involved: ${text}`,
      personalData: {
        yes: 'Personal data is involved.',
        no: 'No personal data is involved.',
        unknown: 'We are checking whether personal data is involved.',
      },
      ongoing: {
        yes: 'We are still investigating. We will keep you posted.',
        no: 'The incident is contained.',
        unknown: 'We are checking whether the incident is contained.',
      },
      impact: (placeholder) => `What it means for you: ${placeholder}`,
      cveIds: (ids) => `CVE: ${ids}.`,
      severityBySupport: (level, cvss) =>
        `Severity: ${level}.` + (cvss ? ` CVSS ${cvss.version} score: ${cvss.score} (${cvss.vector}).` : ''),
      severityByPublisher: (level, cvss) =>
        `Severity: ${level}, by our own assessment (CVSS ${cvss.version} score ${cvss.score}, ${cvss.vector}).`,
      severityMissing: (placeholder, cvss) =>
        `Severity: ${placeholder}.` +
        (cvss ? ` CVSS ${cvss.version} score: ${cvss.score} (${cvss.vector}).` : ''),
      exploited: {
        yes: 'Attackers are already using this issue.',
        no: 'We know of no attacks using this issue.',
        unknown: 'We are checking whether anyone has used this issue in an attack.',
      },
      fix: {
        full: (steps, urgent) =>
          `A fix is available. ${urgent ? 'Do this now' : 'To stay safe, do this'}:\n${steps}`,
        partial: (steps, urgent) =>
          `A partial fix is available. A full fix is on its way. ${
            urgent ? 'To lower your risk, do this right away' : 'To lower your risk now, do this'
          }:\n${steps}`,
        noneAvailable: (expectedOn, interimMeasures) =>
          `There is no fix yet. We expect one by ${expectedOn}. Until then: ${interimMeasures}. We will tell you when it is out.`,
        noFixPlanned: (measures) => `There will be no fix. What you can do: ${measures}.`,
      },
      reported: (reference) => `We reported it to Microsoft (reference ${reference}).`,
      outcome: {
        mitigated: (reference) =>
          `Microsoft reviewed our report (reference ${reference}): the issue is mitigated.`,
        changeRequested: (reference, dueBy, offers) =>
          `Microsoft reviewed our report (reference ${reference}) and asked us to change ${theOffers(offers)} by ${dueBy}.`,
        offerRemoved: (reference, removal, offers) =>
          `After Microsoft's review (reference ${reference}), ${
            offers === 'one' ? 'the offer is' : 'the affected offers are'
          } ${removal === 'temporary' ? 'temporarily' : 'permanently'} removed from Azure Marketplace.`,
        noActionNeeded: (reference) =>
          `Microsoft reviewed our report (reference ${reference}): no further action is needed.`,
      },
      contact: (contact) => `Questions? Contact us at ${contact}.`,
      closing: (publisher) => `Thank you,\n${publisher}`,
    },
  },
  short: {
    formal: {
      lead: {
        vulnerability: (offers, title) => `Security advisory for ${offers}: ${title}.`,
        incident: (offers, title) => `Security incident affecting ${offers}: ${title}.`,
      },
      affected: (text) => `Affected: ${text}`,
      dataOrSystems: (text) => `Data or systems involved: ${text}`,
      personalData: {
        yes: 'Personal data is involved.',
        no: 'No personal data is involved.',
        unknown: 'We are determining whether personal data is involved.',
      },
      ongoing: {
        yes: 'Our investigation is ongoing.',
        no: 'The incident has been contained.',
        unknown: 'We are determining whether it has been contained.',
      },
      cveIds: (ids) => `Tracked as ${ids}.`,
      severityBySupport: (level) => `Severity: ${level}.`,
      severityByPublisher: (level, cvss) =>
        `Severity: ${level} (our own assessment, CVSS ${cvss.version} base score ${cvss.score}).`,
      severityMissing: (placeholder) => `Severity: ${placeholder}.`,
      exploited: {
        yes: 'It is being actively exploited.',
        no: 'There is no evidence of exploitation.',
        unknown: 'We are investigating whether it has been exploited.',
      },
      fix: {
        full: (steps, urgent) =>
          urgent
            ? `A fix is available; please apply it without delay: ${steps}`
            : `A fix is available: ${steps}`,
        partial: (steps, urgent) =>
          urgent
            ? `A partial fix is available; please apply it without delay: ${steps}`
            : `A partial fix is available: ${steps}`,
        fullElsewhere: (link, urgent) =>
          `A fix is available${urgent ? '; please apply it without delay' : ''}. The steps are in our full advisory: ${link}.`,
        partialElsewhere: (link, urgent) =>
          `A partial fix is available${urgent ? '; please apply it without delay' : ''}. The steps are in our full advisory: ${link}.`,
        noneAvailable: (expectedOn) => `No fix is available yet; we expect one by ${expectedOn}.`,
        noFixPlanned: () => 'No fix is planned.',
      },
      outcome: {
        mitigated: () => 'Microsoft considers the issue mitigated.',
        changeRequested: (_reference, dueBy, offers) =>
          `Microsoft has asked us to change ${theOffers(offers)} by ${dueBy}.`,
        offerRemoved: (_reference, removal, offers) =>
          `${offers === 'one' ? 'The offer has' : 'The affected offers have'} been ${
            removal === 'temporary' ? 'temporarily' : 'permanently'
          } removed from Azure Marketplace.`,
        noActionNeeded: () => 'Microsoft found that no further action is needed.',
      },
      reference: (reference) => `Reference: ${reference}.`,
      moreOffers: (first, more) => `${first} and ${more} more`,
    },
    plain: {
      lead: {
        vulnerability: (offers, title) => `${title}: a vulnerability in ${offers}.`,
        incident: (offers, title) => `${title}: a security incident affecting ${offers}.`,
      },
      affected: (text) => `Who is affected: ${text}`,
      dataOrSystems: (text) => `Involved: ${text}`,
      personalData: {
        yes: 'Personal data is involved.',
        no: 'No personal data is involved.',
        unknown: 'Checking whether personal data is involved.',
      },
      ongoing: {
        yes: 'Still investigating.',
        no: 'Contained.',
        unknown: 'Checking whether it is contained.',
      },
      cveIds: (ids) => `CVE: ${ids}.`,
      severityBySupport: (level) => `Severity: ${level}.`,
      severityByPublisher: (level, cvss) =>
        `Severity: ${level}, our own assessment (CVSS ${cvss.version}: ${cvss.score}).`,
      severityMissing: (placeholder) => `Severity: ${placeholder}.`,
      exploited: {
        yes: 'Attackers are using it.',
        no: 'No known attacks.',
        unknown: 'Checking for attacks.',
      },
      fix: {
        full: (steps, urgent) =>
          urgent ? `Fix available, apply it now: ${steps}` : `Fix available: ${steps}`,
        partial: (steps, urgent) =>
          urgent ? `Partial fix available, apply it now: ${steps}` : `Partial fix available: ${steps}`,
        fullElsewhere: (link, urgent) => `Fix available${urgent ? ', apply it now' : ''}. Steps: ${link}.`,
        partialElsewhere: (link, urgent) =>
          `Partial fix available${urgent ? ', apply it now' : ''}. Steps: ${link}.`,
        noneAvailable: (expectedOn) => `No fix yet. Expected by ${expectedOn}.`,
        noFixPlanned: () => 'There will be no fix.',
      },
      outcome: {
        mitigated: () => 'Microsoft says the issue is mitigated.',
        changeRequested: (_reference, dueBy, offers) =>
          `Microsoft asked us to change ${theOffers(offers)} by ${dueBy}.`,
        offerRemoved: (_reference, removal, offers) =>
          `${offers === 'one' ? 'The offer is' : 'The offers are'} ${
            removal === 'temporary' ? 'temporarily' : 'permanently'
          } removed from Azure Marketplace.`,
        noActionNeeded: () => 'Microsoft says no further action is needed.',
      },
      reference: (reference) => `Ref: ${reference}.`,
      moreOffers: (first, more) => `${first} and ${more} more`,
    },
  },
  gdpr: {
    formal: {
      title: 'Notification of a personal data breach to the supervisory authority (GDPR Article 33): outline',
      reference: (reference, title) => `Security Desk reference: ${reference}\nIncident: ${title}`,
      deadlineHeading: 'Deadline',
      deadlineRule:
        'The controller must notify the competent supervisory authority without undue delay and, where feasible, not later than 72 hours after having become aware of the breach (Art. 33(1)). A later notification must be accompanied by the reasons for the delay.',
      deadline: ({ awareOn, from, deadline }) =>
        from === 'discovery'
          ? `You became aware of the breach on ${awareOn} (the date of discovery in the report). The notification is therefore due by ${deadline}, 72 hours from the time of day at which you became aware.`
          : from === 'start'
            ? `The report gives no date of discovery. Counting from the start of the incident on ${awareOn}, the earliest you can have become aware, the notification is due by ${deadline}, 72 hours from that time of day.`
            : `You became aware of the breach on ${awareOn}. The notification is due 72 hours after that: ${deadline}.`,
      overdue: (today) =>
        `As of ${today} this deadline has passed: give the reasons for the delay with the notification.`,
      processor:
        'If you process this data on behalf of your customers (as a processor), notify each controller without undue delay instead (Art. 33(2)); the controller notifies the authority.',
      natureHeading: '1. Nature of the breach (Art. 33(3)(a))',
      label: {
        offers: 'Offers concerned',
        whatHappened: 'What happened',
        dataOrSystems: 'Data or systems involved',
        affected: 'Who is affected',
        startedOn: 'Start of the incident',
        discoveredOn: 'Date of discovery',
        status: 'Status',
        exploitation: 'Exploitation',
        dataSubjectCategories: 'Categories of data subjects concerned',
        dataSubjectCount: 'Approximate number of data subjects concerned',
        recordCategories: 'Categories of personal data records concerned',
        recordCount: 'Approximate number of personal data records concerned',
      },
      contactHeading: '2. Data protection officer or other contact point (Art. 33(3)(b))',
      consequencesHeading: '3. Likely consequences of the breach (Art. 33(3)(c))',
      measuresHeading: '4. Measures taken or proposed to address the breach (Art. 33(3)(d))',
      fix: {
        full: (steps) => `A fix is available to customers. Its steps:\n${steps}`,
        partial: (steps) =>
          `A partial fix is available to customers while a complete one is prepared. Its steps:\n${steps}`,
        noneAvailable: (expectedOn) => `No fix is available yet; one is expected by ${expectedOn}.`,
        noFixPlanned: 'No fix is planned.',
      },
      adverseEffects: 'Measures to mitigate possible adverse effects',
      phases:
        'Information that is not yet available may be provided in phases without undue further delay (Art. 33(4)). Document the breach, its effects and the remedial action taken (Art. 33(5)).',
    },
    plain: {
      title: 'Personal data breach: outline of the notice to the supervisory authority (GDPR Art. 33)',
      reference: (reference, title) => `Reference: ${reference}\nIncident: ${title}`,
      deadlineHeading: 'Deadline',
      deadlineRule:
        'Tell the competent supervisory authority without undue delay. Where feasible, do it within 72 hours of finding out (Art. 33(1)). If you are later, give the reasons.',
      deadline: ({ awareOn, from, deadline }) =>
        from === 'discovery'
          ? `You found out on ${awareOn}. Notify by ${deadline}: 72 hours from the time you found out.`
          : from === 'start'
            ? `The report has no discovery date. Counting from the start of the incident on ${awareOn}, notify by ${deadline}: 72 hours from that time.`
            : `You found out on ${awareOn}. Notify within 72 hours: ${deadline}.`,
      overdue: (today) => `As of ${today} this deadline has passed. Give the reasons for the delay.`,
      processor:
        'Do you process the data for your customers (as a processor)? Then tell each controller without undue delay instead (Art. 33(2)).',
      natureHeading: '1. What happened (Art. 33(3)(a))',
      label: {
        offers: 'Offers',
        whatHappened: 'What happened',
        dataOrSystems: 'Data or systems',
        affected: 'Who is affected',
        startedOn: 'Started',
        discoveredOn: 'Found',
        status: 'Status',
        exploitation: 'Exploitation',
        dataSubjectCategories: 'Kinds of people affected',
        dataSubjectCount: 'About how many people',
        recordCategories: 'Kinds of personal data records',
        recordCount: 'About how many records',
      },
      contactHeading: '2. Data protection officer or other contact (Art. 33(3)(b))',
      consequencesHeading: '3. Likely consequences (Art. 33(3)(c))',
      measuresHeading: '4. What was done or is planned (Art. 33(3)(d))',
      fix: {
        full: (steps) => `A fix is available. Its steps:\n${steps}`,
        partial: (steps) => `A partial fix is available. A full one is coming. Its steps:\n${steps}`,
        noneAvailable: (expectedOn) => `No fix yet. Expected by ${expectedOn}.`,
        noFixPlanned: 'No fix is planned.',
      },
      adverseEffects: 'Steps to limit harm to the people affected',
      phases:
        'You may send what you do not know yet later, in phases, without undue delay (Art. 33(4)). Keep a record of the breach, its effects and what you did (Art. 33(5)).',
    },
  },
  csaf: {
    summaryTitle: 'Summary',
    summary: {
      vulnerability: (offers, reference) =>
        `A security vulnerability affects ${offers}. It has been reported to Microsoft under reference ${reference}.`,
      incident: (offers, reference) =>
        `A security incident affects ${offers}. It has been reported to Microsoft under reference ${reference}.`,
    },
    descriptionTitle: 'Description',
    affectedTitle: 'Affected versions and customers',
    dataOrSystemsTitle: 'Data or systems involved',
    statusTitle: 'Status of the incident',
    outcomeTitle: "Outcome of Microsoft's review",
    customerMessageTitle: 'Message to customers',
    cvss4Title: 'CVSS v4.0',
    cvss4: (c, rating) => `Vector: ${c.vector}. Base score: ${c.score} (${rating}).`,
    unscoredCvssTitle: 'CVSS',
    unscoredCvss: (c) => `Vector: ${c.vector}. Base score as reported: ${c.score}.`,
    noneAvailable: (expectedOn) => `No fix is available yet; one is expected by ${expectedOn}.`,
    noFixPlanned: 'No fix is planned.',
    drafted: (reference, ticketVersion) =>
      `Drafted from Security Desk ticket ${reference}, ticket version ${ticketVersion}.`,
    incidentReference: 'Public information about this incident',
  },
};

import type { CvssText, DraftStrings, OfferCount } from './draft-strings';

// Customers are addressed with «вы» in both tones; the plain tone differs in shorter sentences and
// everyday words. Microsoft is «компания Microsoft» (feminine) in the formal tone and an impersonal
// «в Microsoft …» in the plain one, so no verb has to guess a gender.
const offerWord = (offers: OfferCount) => (offers === 'one' ? 'предложение' : 'затронутые предложения');
const removed = (removal: 'temporary' | 'permanent', offers: OfferCount) =>
  `${removal === 'temporary' ? 'временно' : 'окончательно'} ${offers === 'one' ? 'удалено' : 'удалены'}`;
// «9 июня 2026 г.» already ends with a full stop: a sentence ending with a date gets no second one.
const stop = (text: string) => (text.endsWith('.') ? text : `${text}.`);
const cvssDetail = (c: CvssText) => `базовая оценка CVSS ${c.version}: ${c.score}, вектор ${c.vector}`;

export const draftStringsRu: DraftStrings = {
  placeholder: {
    title: '[Заголовок]',
    offers: '[Затронутые предложения]',
    description: '[Описание проблемы]',
    dataOrSystems: '[Затронутые данные или системы]',
    affected: '[Затронутые версии и клиенты]',
    discoveredOn: '[Дата обнаружения]',
    startedOn: '[Дата начала]',
    severity: '[Уровень серьёзности]',
    steps: '[Порядок устранения]',
    dueBy: '[Срок внесения изменений]',
    expectedFix: '[Ожидаемая дата исправления]',
    interimMeasures: '[Временные меры для клиентов]',
    measures: '[Меры, которые могут принять клиенты]',
    impact: '[Чем грозит проблема, простыми словами]',
    contact: '[Контакт для вопросов]',
    publisherName: '[Название издателя]',
    fullAdvisoryLink: '[Ссылка на полное уведомление]',
    revisionSummary: '[Описание этой редакции]',
    awarenessDate: '[Дата, когда вам стало известно о нарушении]',
    deadline: '[Срок уведомления]',
    dataSubjectCategories: '[Категории субъектов данных]',
    dataSubjectCount: '[Примерное число субъектов данных]',
    reference: '[Номер заявки, будет присвоен при отправке]',
    recordCategories: '[Категории записей персональных данных]',
    recordCount: '[Примерное число записей персональных данных]',
    dpoContact: '[Имя и контактные данные инспектора по защите данных или иного контактного лица]',
    consequences: '[Вероятные последствия нарушения для субъектов данных]',
    adverseEffects: '[Меры по смягчению возможных неблагоприятных последствий для субъектов данных]',
  },
  rating: {
    None: 'отсутствует',
    Low: 'низкий',
    Medium: 'средний',
    High: 'высокий',
    Critical: 'критический',
  },
  email: {
    formal: {
      subject: {
        vulnerability: (title) => `Уведомление об уязвимости: ${title}`,
        incident: (title) => `Уведомление об инциденте безопасности: ${title}`,
      },
      greeting: 'Уважаемые клиенты!',
      vulnerabilitySummary: (offers, discoveredOn) =>
        `Сообщаем вам об уязвимости безопасности, затрагивающей ${offers}. Мы обнаружили её ${stop(discoveredOn)}`,
      incidentSummary: (offers, startedOn, discoveredOn) =>
        `Сообщаем вам об инциденте безопасности, затрагивающем ${offers}. Инцидент начался ${startedOn}; нам стало известно о нём ${stop(discoveredOn)}`,
      affected: (text) => `Затронутые версии и клиенты: ${text}`,
      dataOrSystems: (text) => `Затронутые данные или системы: ${text}`,
      personalData: {
        yes: 'Инцидент затрагивает персональные данные.',
        no: 'Персональные данные не затронуты.',
        unknown: 'Мы выясняем, затронуты ли персональные данные.',
      },
      ongoing: {
        yes: 'Расследование продолжается; мы будем сообщать вам новые сведения.',
        no: 'Инцидент локализован.',
        unknown: 'Мы выясняем, локализован ли инцидент.',
      },
      impact: (placeholder) => `Что это означает для вас: ${placeholder}`,
      cveIds: (ids, count) =>
        count === 1
          ? `Уязвимости присвоен идентификатор ${ids}.`
          : `Уязвимости присвоены идентификаторы ${ids}.`,
      severityBySupport: (level, cvss) =>
        `Уровень серьёзности: ${level}.` +
        (cvss ? ` Базовая оценка CVSS ${cvss.version}: ${cvss.score} (вектор ${cvss.vector}).` : ''),
      severityByPublisher: (level, cvss) =>
        `По нашей собственной оценке, уровень серьёзности — ${level} (${cvssDetail(cvss)}).`,
      severityMissing: (placeholder, cvss) =>
        `Уровень серьёзности: ${placeholder}.` +
        (cvss ? ` Базовая оценка CVSS ${cvss.version}: ${cvss.score} (вектор ${cvss.vector}).` : ''),
      exploited: {
        yes: 'Нам известно, что проблема активно эксплуатируется.',
        no: 'У нас нет свидетельств того, что проблема эксплуатировалась.',
        unknown: 'Мы выясняем, эксплуатировалась ли проблема.',
      },
      fix: {
        full: (steps, urgent) =>
          `Исправление доступно. ${
            urgent
              ? 'Поскольку проблема активно эксплуатируется, просим вас без промедления выполнить следующие действия'
              : 'Чтобы защитить ваше развёртывание, просим вас выполнить следующие действия'
          }:\n${steps}`,
        partial: (steps, urgent) =>
          `Доступно частичное исправление; полное исправление мы готовим. ${
            urgent
              ? 'Поскольку проблема активно эксплуатируется, просим вас без промедления выполнить следующие действия, чтобы снизить риск'
              : 'Чтобы уже сейчас снизить риск, просим вас выполнить следующие действия'
          }:\n${steps}`,
        noneAvailable: (expectedOn, interimMeasures) =>
          `Исправления пока нет; мы планируем выпустить его к ${stop(expectedOn)} До его выхода: ${interimMeasures}. Мы сообщим вам, как только исправление будет выпущено.`,
        noFixPlanned: (measures) => `Выпуск исправления не планируется. Что вы можете сделать: ${measures}.`,
      },
      reported: (reference) => `Мы сообщили о проблеме в Microsoft; номер обращения — ${reference}.`,
      outcome: {
        mitigated: (reference) =>
          `Компания Microsoft рассмотрела наше обращение (номер ${reference}) и считает проблему устранённой.`,
        changeRequested: (reference, dueBy, offers) =>
          `Компания Microsoft рассмотрела наше обращение (номер ${reference}) и попросила нас изменить ${offerWord(offers)} до ${stop(dueBy)}`,
        offerRemoved: (reference, removal, offers) =>
          `По итогам рассмотрения нашего обращения (номер ${reference}) компанией Microsoft ${offerWord(offers)} ${removed(removal, offers)} из Azure Marketplace.`,
        noActionNeeded: (reference) =>
          `Компания Microsoft рассмотрела наше обращение (номер ${reference}) и пришла к выводу, что дальнейших действий не требуется.`,
      },
      contact: (contact) => `Если у вас есть вопросы, свяжитесь с нами: ${contact}.`,
      closing: (publisher) =>
        `Приносим извинения за доставленные неудобства и благодарим вас за доверие.\n\nС уважением,\n${publisher}`,
    },
    plain: {
      subject: {
        vulnerability: (title) => `Уязвимость: ${title}`,
        incident: (title) => `Инцидент безопасности: ${title}`,
      },
      greeting: 'Здравствуйте!',
      vulnerabilitySummary: (offers, discoveredOn) => `${discoveredOn} мы нашли уязвимость в ${offers}.`,
      incidentSummary: (offers, startedOn, discoveredOn) =>
        `Произошёл инцидент безопасности, затронувший ${offers}. Он начался ${stop(startedOn)} Мы узнали о нём ${stop(discoveredOn)}`,
      affected: (text) => `Кого это касается: ${text}`,
      dataOrSystems: (text) => `Что затронуто: ${text}`,
      personalData: {
        yes: 'Затронуты персональные данные.',
        no: 'Персональные данные не затронуты.',
        unknown: 'Мы проверяем, затронуты ли персональные данные.',
      },
      ongoing: {
        yes: 'Мы ещё расследуем инцидент. Будем держать вас в курсе.',
        no: 'Инцидент локализован.',
        unknown: 'Мы проверяем, локализован ли инцидент.',
      },
      impact: (placeholder) => `Чем это грозит: ${placeholder}`,
      cveIds: (ids, count) => (count === 1 ? `Идентификатор CVE: ${ids}.` : `Идентификаторы CVE: ${ids}.`),
      severityBySupport: (level, cvss) =>
        `Уровень серьёзности: ${level}.` +
        (cvss ? ` Оценка CVSS ${cvss.version}: ${cvss.score} (${cvss.vector}).` : ''),
      severityByPublisher: (level, cvss) =>
        `Уровень серьёзности: ${level}. Это наша собственная оценка (CVSS ${cvss.version}: ${cvss.score}, ${cvss.vector}).`,
      severityMissing: (placeholder, cvss) =>
        `Уровень серьёзности: ${placeholder}.` +
        (cvss ? ` Оценка CVSS ${cvss.version}: ${cvss.score} (${cvss.vector}).` : ''),
      exploited: {
        yes: 'Злоумышленники уже используют эту проблему.',
        no: 'Нам неизвестны атаки с использованием этой проблемы.',
        unknown: 'Мы проверяем, использовали ли злоумышленники эту проблему.',
      },
      fix: {
        full: (steps, urgent) =>
          `Исправление уже есть. ${urgent ? 'Сделайте следующее как можно скорее' : 'Чтобы защититься, сделайте следующее'}:\n${steps}`,
        partial: (steps, urgent) =>
          `Есть частичное исправление. Полное готовится. ${
            urgent
              ? 'Чтобы снизить риск, сделайте следующее как можно скорее'
              : 'Чтобы снизить риск уже сейчас, сделайте следующее'
          }:\n${steps}`,
        noneAvailable: (expectedOn, interimMeasures) =>
          `Исправления пока нет. Мы ожидаем его к ${stop(expectedOn)} А пока: ${interimMeasures}. Мы сообщим, когда оно выйдет.`,
        noFixPlanned: (measures) => `Исправления не будет. Что можно сделать: ${measures}.`,
      },
      reported: (reference) => `Мы сообщили о проблеме в Microsoft (номер обращения ${reference}).`,
      outcome: {
        mitigated: (reference) =>
          `В Microsoft рассмотрели наше обращение (номер ${reference}): проблема устранена.`,
        changeRequested: (reference, dueBy, offers) =>
          `В Microsoft рассмотрели наше обращение (номер ${reference}) и попросили нас изменить ${offerWord(offers)} до ${stop(dueBy)}`,
        offerRemoved: (reference, removal, offers) =>
          `После проверки в Microsoft (номер ${reference}) ${offerWord(offers)} ${removed(removal, offers)} из Azure Marketplace.`,
        noActionNeeded: (reference) =>
          `В Microsoft рассмотрели наше обращение (номер ${reference}): больше ничего делать не нужно.`,
      },
      contact: (contact) => `Есть вопросы? Пишите: ${contact}.`,
      closing: (publisher) => `Спасибо!\n${publisher}`,
    },
  },
  short: {
    formal: {
      lead: {
        vulnerability: (offers, title) => `Уведомление об уязвимости в ${offers}: ${title}.`,
        incident: (offers, title) => `Инцидент безопасности, затрагивающий ${offers}: ${title}.`,
      },
      affected: (text) => `Затронутые версии и клиенты: ${text}`,
      dataOrSystems: (text) => `Затронутые данные или системы: ${text}`,
      personalData: {
        yes: 'Затронуты персональные данные.',
        no: 'Персональные данные не затронуты.',
        unknown: 'Мы выясняем, затронуты ли персональные данные.',
      },
      ongoing: {
        yes: 'Расследование продолжается.',
        no: 'Инцидент локализован.',
        unknown: 'Мы выясняем, локализован ли инцидент.',
      },
      cveIds: (ids, count) => (count === 1 ? `Идентификатор: ${ids}.` : `Идентификаторы: ${ids}.`),
      severityBySupport: (level) => `Уровень серьёзности: ${level}.`,
      severityByPublisher: (level, cvss) =>
        `Уровень серьёзности: ${level} (наша собственная оценка, базовая оценка CVSS ${cvss.version}: ${cvss.score}).`,
      severityMissing: (placeholder) => `Уровень серьёзности: ${placeholder}.`,
      exploited: {
        yes: 'Проблема активно эксплуатируется.',
        no: 'Свидетельств эксплуатации нет.',
        unknown: 'Мы выясняем, эксплуатировалась ли проблема.',
      },
      fix: {
        full: (steps, urgent) =>
          urgent
            ? `Исправление доступно; просим вас применить его без промедления: ${steps}`
            : `Исправление доступно: ${steps}`,
        partial: (steps, urgent) =>
          urgent
            ? `Доступно частичное исправление; просим вас применить его без промедления: ${steps}`
            : `Доступно частичное исправление: ${steps}`,
        fullElsewhere: (link, urgent) =>
          `Исправление доступно${urgent ? '; просим вас применить его без промедления' : ''}. Порядок действий — в полном уведомлении: ${link}.`,
        partialElsewhere: (link, urgent) =>
          `Доступно частичное исправление${urgent ? '; просим вас применить его без промедления' : ''}. Порядок действий — в полном уведомлении: ${link}.`,
        noneAvailable: (expectedOn) =>
          `Исправления пока нет; мы планируем выпустить его к ${stop(expectedOn)}`,
        noFixPlanned: () => 'Выпуск исправления не планируется.',
      },
      outcome: {
        mitigated: () => 'Компания Microsoft считает проблему устранённой.',
        changeRequested: (_reference, dueBy, offers) =>
          `Компания Microsoft попросила нас изменить ${offerWord(offers)} до ${stop(dueBy)}`,
        offerRemoved: (_reference, removal, offers) =>
          `${offers === 'one' ? 'Предложение' : 'Затронутые предложения'} ${removed(removal, offers)} из Azure Marketplace.`,
        noActionNeeded: () => 'Компания Microsoft пришла к выводу, что дальнейших действий не требуется.',
      },
      reference: (reference) => `Номер обращения: ${reference}.`,
      moreOffers: (first, more) => `${first} и ещё ${more}`,
    },
    plain: {
      lead: {
        vulnerability: (offers, title) => `${title}: уязвимость в ${offers}.`,
        incident: (offers, title) => `${title}: инцидент безопасности в ${offers}.`,
      },
      affected: (text) => `Кого касается: ${text}`,
      dataOrSystems: (text) => `Что затронуто: ${text}`,
      personalData: {
        yes: 'Затронуты персональные данные.',
        no: 'Персональные данные не затронуты.',
        unknown: 'Проверяем, затронуты ли персональные данные.',
      },
      ongoing: {
        yes: 'Расследование идёт.',
        no: 'Инцидент локализован.',
        unknown: 'Проверяем, локализован ли инцидент.',
      },
      cveIds: (ids) => `CVE: ${ids}.`,
      severityBySupport: (level) => `Уровень серьёзности: ${level}.`,
      severityByPublisher: (level, cvss) =>
        `Уровень серьёзности: ${level}, наша оценка (CVSS ${cvss.version}: ${cvss.score}).`,
      severityMissing: (placeholder) => `Уровень серьёзности: ${placeholder}.`,
      exploited: {
        yes: 'Злоумышленники уже используют проблему.',
        no: 'Атак пока не замечено.',
        unknown: 'Проверяем, были ли атаки.',
      },
      fix: {
        full: (steps, urgent) => `Исправление уже есть${urgent ? ', примените его сейчас' : ''}: ${steps}`,
        partial: (steps, urgent) =>
          `Есть частичное исправление${urgent ? ', примените его сейчас' : ''}: ${steps}`,
        fullElsewhere: (link, urgent) =>
          `Исправление уже есть${urgent ? ', примените его сейчас' : ''}. Что делать: ${link}.`,
        partialElsewhere: (link, urgent) =>
          `Есть частичное исправление${urgent ? ', примените его сейчас' : ''}. Что делать: ${link}.`,
        noneAvailable: (expectedOn) => `Исправления пока нет. Ждём его к ${stop(expectedOn)}`,
        noFixPlanned: () => 'Исправления не будет.',
      },
      outcome: {
        mitigated: () => 'В Microsoft считают проблему устранённой.',
        changeRequested: (_reference, dueBy, offers) =>
          `В Microsoft попросили нас изменить ${offerWord(offers)} до ${stop(dueBy)}`,
        offerRemoved: (_reference, removal, offers) =>
          `${offers === 'one' ? 'Предложение' : 'Предложения'} ${removed(removal, offers)} из Azure Marketplace.`,
        noActionNeeded: () => 'В Microsoft решили, что больше ничего делать не нужно.',
      },
      reference: (reference) => `Номер обращения: ${reference}.`,
      moreOffers: (first, more) => `${first} и ещё ${more}`,
    },
  },
  gdpr: {
    formal: {
      title:
        'Уведомление надзорного органа о нарушении безопасности персональных данных (статья 33 GDPR): план',
      reference: (reference, title) => `Номер обращения в Security Desk: ${reference}\nИнцидент: ${title}`,
      deadlineHeading: 'Срок',
      deadlineRule:
        'Контролёр обязан уведомить компетентный надзорный орган без неоправданной задержки и, если это возможно, не позднее 72 часов с момента, когда ему стало известно о нарушении (ст. 33(1)). К уведомлению, направленному позже, прилагаются причины задержки.',
      deadline: ({ awareOn, from, deadline }) =>
        from === 'discovery'
          ? `Вам стало известно о нарушении ${awareOn} (дата обнаружения из обращения). Поэтому уведомление нужно направить не позднее ${deadline}: срок истекает через 72 часа с того момента, когда вы узнали о нарушении.`
          : from === 'start'
            ? `В обращении нет даты обнаружения. Если считать от начала инцидента ${awareOn} (раньше этого вам не могло стать о нём известно), уведомление нужно направить не позднее ${deadline}: через 72 часа с того же времени суток.`
            : `Вам стало известно о нарушении ${stop(awareOn)} Уведомление нужно направить в течение 72 часов с этого момента: ${stop(deadline)}`,
      overdue: (today) => `На ${today} этот срок истёк: приложите к уведомлению причины задержки.`,
      processor:
        'Если вы обрабатываете эти данные по поручению своих клиентов (как обработчик), вместо этого без неоправданной задержки уведомите каждого контролёра (ст. 33(2)); надзорный орган уведомляет контролёр.',
      natureHeading: '1. Характер нарушения (ст. 33(3)(a))',
      label: {
        offers: 'Затронутые предложения',
        whatHappened: 'Что произошло',
        dataOrSystems: 'Затронутые данные или системы',
        affected: 'Кого это касается',
        startedOn: 'Начало инцидента',
        discoveredOn: 'Дата обнаружения',
        status: 'Состояние',
        exploitation: 'Эксплуатация',
        dataSubjectCategories: 'Категории затронутых субъектов данных',
        dataSubjectCount: 'Примерное число затронутых субъектов данных',
        recordCategories: 'Категории затронутых записей персональных данных',
        recordCount: 'Примерное число затронутых записей персональных данных',
      },
      contactHeading: '2. Инспектор по защите данных или иное контактное лицо (ст. 33(3)(b))',
      consequencesHeading: '3. Вероятные последствия нарушения (ст. 33(3)(c))',
      measuresHeading: '4. Принятые или предлагаемые меры по устранению нарушения (ст. 33(3)(d))',
      fix: {
        full: (steps) => `Клиентам доступно исправление. Порядок действий:\n${steps}`,
        partial: (steps) =>
          `Клиентам доступно частичное исправление; полное готовится. Порядок действий:\n${steps}`,
        noneAvailable: (expectedOn) => `Исправления пока нет; его ожидают к ${stop(expectedOn)}`,
        noFixPlanned: 'Выпуск исправления не планируется.',
      },
      adverseEffects: 'Меры по смягчению возможных неблагоприятных последствий',
      phases:
        'Сведения, которых пока нет, можно предоставлять поэтапно без дальнейшей неоправданной задержки (ст. 33(4)). Задокументируйте нарушение, его последствия и принятые меры (ст. 33(5)).',
    },
    plain: {
      title: 'Утечка персональных данных: план уведомления надзорного органа (ст. 33 GDPR)',
      reference: (reference, title) => `Номер обращения: ${reference}\nИнцидент: ${title}`,
      deadlineHeading: 'Срок',
      deadlineRule:
        'Сообщите в компетентный надзорный орган без неоправданной задержки. По возможности — в течение 72 часов с момента, когда вы узнали о нарушении (ст. 33(1)). Если позже — объясните причины задержки.',
      deadline: ({ awareOn, from, deadline }) =>
        from === 'discovery'
          ? `Вы узнали о нарушении ${stop(awareOn)} Сообщите не позднее ${deadline}: это 72 часа с того момента, когда вы узнали.`
          : from === 'start'
            ? `В обращении нет даты обнаружения. Если считать от начала инцидента ${awareOn}, сообщите не позднее ${deadline}: это 72 часа с того же времени суток.`
            : `Вы узнали о нарушении ${stop(awareOn)} Сообщите в течение 72 часов: ${stop(deadline)}`,
      overdue: (today) => `На ${today} этот срок уже истёк. Объясните причины задержки.`,
      processor:
        'Вы обрабатываете данные по поручению клиентов (как обработчик)? Тогда без неоправданной задержки сообщите каждому контролёру (ст. 33(2)).',
      natureHeading: '1. Что произошло (ст. 33(3)(a))',
      label: {
        offers: 'Предложения',
        whatHappened: 'Что произошло',
        dataOrSystems: 'Данные или системы',
        affected: 'Кого это касается',
        startedOn: 'Начало',
        discoveredOn: 'Обнаружено',
        status: 'Состояние',
        exploitation: 'Эксплуатация',
        dataSubjectCategories: 'Чьи данные затронуты',
        dataSubjectCount: 'Примерно сколько людей',
        recordCategories: 'Какие записи затронуты',
        recordCount: 'Примерно сколько записей',
      },
      contactHeading: '2. Инспектор по защите данных или другой контакт (ст. 33(3)(b))',
      consequencesHeading: '3. Вероятные последствия (ст. 33(3)(c))',
      measuresHeading: '4. Что сделано или планируется (ст. 33(3)(d))',
      fix: {
        full: (steps) => `Исправление есть. Порядок действий:\n${steps}`,
        partial: (steps) => `Есть частичное исправление. Полное готовится. Порядок действий:\n${steps}`,
        noneAvailable: (expectedOn) => `Исправления пока нет. Ожидается к ${stop(expectedOn)}`,
        noFixPlanned: 'Исправления не будет.',
      },
      adverseEffects: 'Как ограничить вред для людей',
      phases:
        'То, чего вы пока не знаете, можно сообщить позже, поэтапно и без неоправданной задержки (ст. 33(4)). Задокументируйте нарушение, его последствия и принятые меры (ст. 33(5)).',
    },
  },
  csaf: {
    summaryTitle: 'Краткое описание',
    summary: {
      vulnerability: (offers, reference) =>
        `Уязвимость безопасности затрагивает ${offers}. О ней сообщено в Microsoft, номер обращения ${reference}.`,
      incident: (offers, reference) =>
        `Инцидент безопасности затрагивает ${offers}. О нём сообщено в Microsoft, номер обращения ${reference}.`,
    },
    descriptionTitle: 'Описание',
    affectedTitle: 'Затронутые версии и клиенты',
    dataOrSystemsTitle: 'Затронутые данные или системы',
    statusTitle: 'Состояние инцидента',
    outcomeTitle: 'Итог рассмотрения в Microsoft',
    customerMessageTitle: 'Сообщение клиентам',
    cvss4Title: 'CVSS v4.0',
    cvss4: (c, rating) => `Вектор: ${c.vector}. Базовая оценка: ${c.score} (${rating}).`,
    unscoredCvssTitle: 'CVSS',
    unscoredCvss: (c) => `Вектор: ${c.vector}. Базовая оценка по данным издателя: ${c.score}.`,
    noneAvailable: (expectedOn) => `Исправления пока нет; его ожидают к ${stop(expectedOn)}`,
    noFixPlanned: 'Выпуск исправления не планируется.',
    drafted: (reference, ticketVersion) =>
      `Черновик по обращению Security Desk ${reference}, версия обращения ${ticketVersion}.`,
    incidentReference: 'Публичные сведения об этом инциденте',
  },
};

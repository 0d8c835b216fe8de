import {
  assessCvss,
  ratingForScore,
  suggestSeverity,
  suggestSeverityFromBase,
} from '../../../../src/domain/cvss';

describe('the rating a score gets and the severity it suggests to support', () => {
  it.each([
    [0, 'None'],
    [0.1, 'Low'],
    [3.9, 'Low'],
    [4.0, 'Medium'],
    [6.9, 'Medium'],
    [7.0, 'High'],
    [8.9, 'High'],
    [9.0, 'Critical'],
    [10, 'Critical'],
  ])('a score of %s is rated %s', (score, rating) => {
    expect(ratingForScore(score)).toBe(rating);
  });

  it.each([-0.1, 10.1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s, which is not a CVSS score',
    (score) => {
      expect(() => ratingForScore(score)).toThrow(RangeError);
    },
  );

  it.each([
    ['Critical', 'Critical'],
    ['High', 'High'],
    ['Medium', 'Medium'],
    ['Low', 'Low'],
  ] as const)('a %s rating suggests %s severity', (rating, severity) => {
    expect(suggestSeverity(rating)).toBe(severity);
  });

  it('a None rating suggests no severity, since None is not a severity', () => {
    expect(suggestSeverity('None')).toBeUndefined();
  });
});

test('the suggestion follows the base score even when temporal metrics lower the headline score', () => {
  // Base 9.8 Critical; exploit code unproven, official fix, confirmed: temporal 8.5 High.
  const assessed = assessCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C');
  if (!assessed.ok) throw new Error('valid vector refused');
  expect(assessed.assessment.overallRating).toBe('High');
  expect(suggestSeverityFromBase(assessed.assessment)).toBe('Critical');
  expect(suggestSeverityFromBase({ baseScore: 0 })).toBeUndefined();
});

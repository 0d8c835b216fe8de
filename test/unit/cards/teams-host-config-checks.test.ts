/**
 * @jest-environment jsdom
 */
import { assessCvss } from '../../../src/domain/cvss';
import {
  accessibilityProblems,
  rendererComplaints,
  teamsHostConfigJson,
} from '../../support/teams-card-checks';
import { everyCardAtItsLongest, LONGEST_VECTORS } from './longest-card-samples';

const button = (i: number) => ({ type: 'Action.Submit', title: `Button ${i}`, data: { i } });

describe('the renderer check under Teams’ host config', () => {
  test('is Microsoft’s Teams light theme: six actions to a row', () => {
    expect(teamsHostConfigJson).toMatchObject({ actions: { maxActions: 6 }, supportsInteractivity: true });
  });

  test('passes six buttons in a row and refuses a seventh, in the card’s row and in an ActionSet', () => {
    const six = [...Array(6).keys()].map(button);
    const seven = [...Array(7).keys()].map(button);
    const card = (actions: unknown[]) => ({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'ActionSet', actions }],
      actions,
    });
    expect(rendererComplaints(card(six), { render: true })).toEqual([]);
    const complaints = rendererComplaints(card(seven));
    expect(complaints).toHaveLength(2);
    expect(complaints[0]).toMatch(/Maximum number of actions exceeded \(6\)/);
  });

  test('reports a version newer than Teams renders, an input without a label and a button without a title', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'Input.Text', id: 'answer' }],
      actions: [{ type: 'Action.Submit', data: {} }],
    };
    expect(rendererComplaints(card)).toContain('version: 1.6 is not 1.0 to 1.5');
    expect(accessibilityProblems(card)).toEqual([
      'card.body[0]: Input.Text without a label',
      'card.actions[0]: Action.Submit without a title',
    ]);
  });
});

test.each(Object.entries(LONGEST_VECTORS))(
  'the longest CVSS %s vector of the samples scores',
  (_v, vector) => {
    expect(assessCvss(vector).ok).toBe(true);
  },
);

// The card tests' samples of every template at their longest, and the longest cards with CVSS vectors.
describe.each(everyCardAtItsLongest().map((sample) => [sample.name, sample] as const))(
  '%s under Teams’ host config',
  (_name, { render }) => {
    test('parses and renders without a complaint, in version 1.5 at most', () => {
      const card = render();
      expect(Number(card.version)).toBeLessThanOrEqual(1.5);
      expect(rendererComplaints(card, { render: true })).toEqual([]);
    });

    test('labels every input and titles every action', () => {
      expect(accessibilityProblems(render())).toEqual([]);
    });
  },
);

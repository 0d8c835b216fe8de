import { renderCard } from '../../src/cards/render-card';
import { cardProblems } from './support/card-problems';

// The suite's card check must be able to fail: these are cards the Playground would draw without a word
// of warning (it drops what it cannot parse), while Teams would show less than the bot meant.
describe('the card check the end-to-end suite applies to every card the page receives', () => {
  it('passes a card the bot really sends', () => {
    expect(cardProblems(renderCard('welcome', 'en'))).toEqual([]);
    expect(cardProblems(renderCard('help', 'ru', { notUnderstood: true }))).toEqual([]);
  });

  it('reports an element type the renderer does not know', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Rating', id: 'stars' }] };
    expect(cardProblems(card).join('\n')).toContain('Unknown element type "Input.Rating"');
  });

  it('reports a version newer than Teams renders, and a card with no type', () => {
    const card = { version: '1.6', body: [{ type: 'TextBlock', text: 'x' }] };
    const problems = cardProblems(card).join('\n');
    expect(problems).toContain('type is undefined');
    expect(problems).toContain('version "1.6"');
  });

  it('reports invalid property values and duplicate input ids', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'x', size: 'Huge' },
        { type: 'Input.Text', id: 'answer', label: 'One' },
        { type: 'Input.Text', id: 'answer', label: 'Two' },
      ],
    };
    const problems = cardProblems(card).join('\n');
    expect(problems).toContain('Invalid value "Huge" for property "size"');
    expect(problems).toContain('Duplicate Id "answer"');
  });
});

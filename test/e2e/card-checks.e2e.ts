import { renderCard } from '../../src/cards/render-card';
import { cardProblems } from './support/card-problems';
import { invokeProblems } from './support/invoke-problems';

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

  it('reports a row of seven buttons, more than Teams draws', () => {
    const actions = [...Array(7).keys()].map((i) => ({ type: 'Action.Submit', title: `Button ${i + 1}` }));
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions }] };
    expect(cardProblems(card).join('\n')).toContain('Maximum number of actions exceeded (6)');
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

// A card button press (Action.Execute) is answered over HTTP, not the page's websocket: its answer is
// checked from what the bot returned to the Playground.
describe('the check on the answers to card button presses', () => {
  const press = (status: number | undefined, answer: unknown) => ({
    activity: {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'support.acknowledge', data: {} } },
    },
    status,
    answer: JSON.stringify(answer),
  });

  it('passes a press answered with a valid card', () => {
    const answer = {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: renderCard('welcome', 'en'),
    };
    expect(invokeProblems([press(200, answer)])).toEqual([]);
  });

  it('reports a press the bot refused, and one it never answered', () => {
    const refused = {
      statusCode: 403,
      type: 'application/vnd.microsoft.error',
      value: { code: 'Forbidden', message: 'These buttons work only in the registered support channel.' },
    };
    const problems = invokeProblems([press(200, refused), press(undefined, undefined)]).join('\n');
    expect(problems).toContain('card press "support.acknowledge" refused');
    expect(problems).toContain('These buttons work only in the registered support channel.');
    expect(problems).toContain('card press "support.acknowledge" was not answered');
  });

  it('reports an answer card the renderer finds invalid', () => {
    const answer = {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Rating', id: 'stars' }] },
    };
    const problems = invokeProblems([press(200, answer)]).join('\n');
    expect(problems).toContain('invalid card answering "support.acknowledge"');
    expect(problems).toContain('Unknown element type "Input.Rating"');
  });
});

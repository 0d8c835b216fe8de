import { tenantListLimit } from '../../../src/backend/ticket-backend';

describe("a publisher's list page size, the same for the embedded and the remote backend", () => {
  test.each([
    [undefined, 20],
    [1, 1],
    [15, 15],
    [100, 100],
    [0, 1],
    [-5, 1],
    [7.9, 7],
    [500, 100],
    [Number.NaN, 20],
    [Number.POSITIVE_INFINITY, 20],
  ])('asked %p, a page of %p', (limit, expected) => {
    expect(tenantListLimit(limit === undefined ? {} : { limit })).toBe(expected);
  });
});

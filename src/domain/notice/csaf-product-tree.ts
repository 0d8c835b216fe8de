import type { CsafDocument } from './csaf-document';
import type { DraftContext } from './draft-context';

/** Stands in for the offers when a ticket names none, so the tree and the ids that point into it still exist. */
const placeholderProductId = 'CSAFPID-0001';

/** The publisher as vendor, each offer a product under it, its Marketplace offer id the product id. */
export function csafProductTree(context: DraftContext, vendor: string): CsafDocument['product_tree'] {
  const { facts, words, placeholders } = context;
  const products =
    facts.offers.length > 0
      ? facts.offers.map((offer) => ({ name: offer.name, product_id: offer.offerId }))
      : [{ name: placeholders.mark(words.placeholder.offers), product_id: placeholderProductId }];
  return {
    branches: [
      {
        category: 'vendor',
        name: vendor,
        branches: products.map((product) => ({ category: 'product_name', name: product.name, product })),
      },
    ],
  };
}

/** The product ids the tree defines, for product_status, remediations, scores and threats. */
export function csafProductIds(context: DraftContext): string[] {
  const ids = context.facts.offers.map((offer) => offer.offerId);
  return ids.length > 0 ? ids : [placeholderProductId];
}

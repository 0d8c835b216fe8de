/** A state write named an eTag that is no longer the stored one: someone else wrote first. */
export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    super(
      `State document "${key}" was changed by another writer (eTag mismatch); nothing in the batch was written`,
    );
    this.name = 'EtagConflictError';
  }
}

import type { TestApp } from '../../support/test-app';

/** The ticket row a confirmation number names, with its report parsed. */
export async function storedTicket(app: TestApp, confirmationNumber: string) {
  const row = await app.app.store.db
    .selectFrom('tickets')
    .selectAll()
    .where('confirmation_number', '=', confirmationNumber)
    .executeTakeFirst();
  return row ? { ...row, report: JSON.parse(row.report) as Record<string, unknown> } : undefined;
}

export async function ticketCount(app: TestApp): Promise<number> {
  const rows = await app.app.store.db.selectFrom('tickets').select('id').execute();
  return rows.length;
}

/** The confirmation number a status card shows (the monospace line). */
export function confirmationNumberOn(card: Record<string, unknown>): string {
  const match = /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(JSON.stringify(card));
  if (!match) throw new Error('no confirmation number on the card');
  return match[0];
}

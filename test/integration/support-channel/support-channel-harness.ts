import { call } from '../support-api/support-client';
import type { TestApp } from '../../support/test-app';

export const supportKey = 'local-support-key-for-tests-0123456789abcdef';

/** A registration code, as support gets it from the support API. */
export async function registrationCode(app: TestApp): Promise<string> {
  const response = await call(app.url, 'POST', '/api/support/channel-registrations', {
    token: supportKey,
    body: {},
  });
  if (response.status !== 201)
    throw new Error(`no code: ${response.status} ${JSON.stringify(response.body)}`);
  return String(response.body.code);
}

/** The support_channels rows, newest first. */
export async function bindings(app: TestApp) {
  return app.app.store.db
    .selectFrom('support_channels' as never)
    .selectAll()
    .execute() as Promise<
    Array<{
      team_id: string;
      conversation_id: string;
      tenant_id: string;
      active: number;
      ended_reason: string | null;
    }>
  >;
}

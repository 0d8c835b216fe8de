import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorFactory,
  type ConnectorClient,
} from 'botframework-connector';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ReusingBotFrameworkAuthentication } from '../../../src/bot/reusing-authentication';

const activity = { type: 'message', channelId: 'msteams' } as Activity;
const teams = 'https://smba.trafficmanager.net/emea/';

function identityFor(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
}

describe('ReusingBotFrameworkAuthentication', () => {
  it('hands every turn to the same service URL the same connector client', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await auth.authenticateRequest(activity, '');
    const second = await auth.authenticateRequest(activity, '');
    const a = await first.connectorFactory!.create(teams, first.audience);
    const b = await second.connectorFactory!.create(teams, second.audience);
    expect(b).toBe(a);
    // The proactive path (createConnectorFactory) for the same app id shares them too.
    const proactive = await auth.createConnectorFactory(first.claimsIdentity).create(teams, first.audience);
    expect(proactive).toBe(a);
    // The client still sends to that service URL.
    expect((a as unknown as { baseUri?: string }).baseUri).toBe(teams);
  });

  it('keeps clients apart by service URL, audience and app id', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const ours = auth.createConnectorFactory(identityFor('app-1'));
    const theirs = auth.createConnectorFactory(identityFor('app-2'));
    const a = await ours.create(teams, 'https://api.botframework.com');
    expect(
      await ours.create('https://smba.trafficmanager.net/amer/', 'https://api.botframework.com'),
    ).not.toBe(a);
    expect(await ours.create(teams, 'https://api.botframework.us')).not.toBe(a);
    expect(await theirs.create(teams, 'https://api.botframework.com')).not.toBe(a);
    expect(await ours.create(teams, 'https://api.botframework.com')).toBe(a);
  });

  it('keeps at most its capacity, dropping the least recently used', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}), {
      capacity: 2,
    });
    const factory = auth.createConnectorFactory(identityFor('app-1'));
    const one = await factory.create('https://one.example/');
    const two = await factory.create('https://two.example/');
    expect(await factory.create('https://one.example/')).toBe(one); // one is now the most recent
    await factory.create('https://three.example/'); // drops two
    expect(await factory.create('https://one.example/')).toBe(one);
    expect(await factory.create('https://two.example/')).not.toBe(two);
  });

  it('does not keep a client whose creation failed: the next turn tries again', async () => {
    let calls = 0;
    const made = {} as ConnectorClient;
    class Flaky extends ConnectorFactory {
      create(): Promise<ConnectorClient> {
        calls++;
        return calls === 1 ? Promise.reject(new Error('no token endpoint')) : Promise.resolve(made);
      }
    }
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.createConnectorFactory = () => new Flaky();
    const factory = new ReusingBotFrameworkAuthentication(inner).createConnectorFactory(identityFor('app-1'));
    await expect(factory.create(teams)).rejects.toThrow('no token endpoint');
    expect(await factory.create(teams)).toBe(made);
    expect(await factory.create(teams)).toBe(made);
    expect(calls).toBe(2);
  });

  it('keeps one user token client per app id', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await auth.createUserTokenClient(identityFor('app-1'));
    expect(await auth.createUserTokenClient(identityFor('app-1'))).toBe(first);
    expect(await auth.createUserTokenClient(identityFor('app-2'))).not.toBe(first);
  });

  it('prepares every client once, before its first use, whichever path made it', async () => {
    const prepared: ConnectorClient[] = [];
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}), {
      prepare: (client) => prepared.push(client),
    });
    const inbound = await auth.authenticateRequest(activity, '');
    const first = await inbound.connectorFactory!.create(teams, inbound.audience);
    await auth.createConnectorFactory(inbound.claimsIdentity).create(teams, inbound.audience);
    const other = await auth.createConnectorFactory(inbound.claimsIdentity).create('https://other.example/');
    expect(prepared).toEqual([first, other]);
  });
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What is wrong with an Application Insights connection string ("InstrumentationKey=<guid>;
 * IngestionEndpoint=https://…;…", as the portal shows it), or undefined when it is usable. The exporter
 * would otherwise accept a bad one at start and drop every span later, with nothing said.
 */
export function findConnectionStringProblem(value: string): string | undefined {
  const fields = new Map<string, string>();
  for (const segment of value.split(';')) {
    if (segment.trim() === '') continue;
    const at = segment.indexOf('=');
    if (at <= 0 || at === segment.length - 1) {
      return 'must be key=value pairs separated by ";", as the Application Insights resource shows it';
    }
    fields.set(segment.slice(0, at).trim().toLowerCase(), segment.slice(at + 1).trim());
  }
  const key = fields.get('instrumentationkey');
  if (!key) return 'must contain InstrumentationKey=<GUID>';
  if (!guid.test(key)) return 'InstrumentationKey must be a GUID';
  for (const [name, endpoint] of fields) {
    if (!name.endsWith('endpoint')) continue;
    if (!URL.canParse(endpoint) || new URL(endpoint).protocol !== 'https:') {
      return `${name === 'ingestionendpoint' ? 'IngestionEndpoint' : 'every endpoint'} must be an https:// URL`;
    }
  }
  return undefined;
}

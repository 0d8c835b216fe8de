/**
 * Whether a host is one Teams delivers files from (EVIDENCE_FILE_HOSTS): an exact name, or `*.example.com`
 * for any name under example.com (not example.com itself). Compared in lower case, without a trailing dot.
 */
export function isAllowedHost(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === '') return false;
  return patterns.some((pattern) =>
    pattern.startsWith('*.')
      ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1
      : name === pattern,
  );
}

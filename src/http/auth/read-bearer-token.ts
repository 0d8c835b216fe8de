/** The token of an `Authorization: Bearer <token>` header; 'missing' or 'malformed' otherwise. */
export function readBearerToken(header: string | undefined): string | 'missing' | 'malformed' {
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  return match?.[1] ?? 'malformed';
}

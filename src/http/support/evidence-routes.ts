import type { Request, Server } from 'restify';
import { guardedBy } from './guarded-route';
import type { Actor } from '../../domain/ticket';
import type { EvidenceService } from '../../evidence/evidence-service';
import type { Logger } from '../../logger';
import type { EvidenceFile } from '../../tickets';
import type { Principal } from '../auth/auth-result';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { sendProblem } from '../problem-details';

export interface EvidenceRoutesDeps {
  readonly evidence: EvidenceService;
  readonly authenticator: ApiAuthenticator;
  readonly logger: Logger;
}

/** A file as the support API shows it: metadata, scan status and where to download it; never contents. */
export function evidenceFileJson(number: string, file: EvidenceFile) {
  return {
    id: file.id,
    name: file.name,
    kind: file.kind,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    addedAt: file.createdAt,
    addedBy: {
      kind: file.uploader.kind,
      id: file.uploader.id,
      ...(file.uploader.name ? { name: file.uploader.name } : {}),
    },
    scan: file.scan,
    download: `/api/support/tickets/${encodeURIComponent(number)}/files/${file.id}`,
  };
}

/**
 * The support API's files of evidence (docs/openapi.json): list a ticket's files, download one (each
 * download an event on the ticket; a file marked malicious never; with EVIDENCE_REQUIRE_CLEAN_SCAN only
 * clean ones), and set a file's scan verdict — the hook for Microsoft Defender for Storage's results
 * (an Event Grid subscription on "Scan result" calls it with a token of the support role). A download
 * is `application/octet-stream` with `Content-Disposition: attachment`, `nosniff` and a sandboxing
 * CSP: no browser renders or runs it.
 */
export function registerEvidenceRoutes(server: Server, deps: EvidenceRoutesDeps): void {
  const { evidence, authenticator, logger } = deps;
  const guarded = guardedBy(authenticator, logger);
  const numberOf = (req: Request) => String(req.params.number ?? '').slice(0, 40);

  server.get(
    '/api/support/tickets/:number/files',
    guarded(async (req, res) => {
      const number = numberOf(req);
      const files = await evidence.listForSupport(number);
      if (!files) return sendProblem(res, 'not-found', 'No such ticket.');
      res.send(200, { items: files.map((file) => evidenceFileJson(number, file)) });
    }),
  );

  server.get(
    '/api/support/tickets/:number/files/:fileId',
    guarded(async (req, res, principal) => {
      const number = numberOf(req);
      const outcome = await evidence.download(
        number,
        String(req.params.fileId ?? ''),
        supportActor(principal),
      );
      if (outcome.status === 'notFound') return sendProblem(res, 'not-found', 'No such file on this ticket.');
      if (outcome.status === 'malicious') {
        logger.warn(
          {
            event: 'evidence.download_refused',
            reason: 'malicious',
            fileId: outcome.file.id,
            actor: principal.id,
          },
          'download of a malicious file refused',
        );
        return sendProblem(res, 'forbidden', 'The scanner marked this file malicious; it is never served.');
      }
      if (outcome.status === 'notScanned') {
        return sendProblem(
          res,
          'state-conflict',
          'The file has not been scanned yet; it is served once it is clean.',
        );
      }
      const { file, contents } = outcome;
      logger.info(
        { event: 'evidence.downloaded', confirmationNumber: number, fileId: file.id, actor: principal.id },
        'evidence file downloaded',
      );
      res.sendRaw(200, contents, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(contents.length),
        'Content-Disposition': contentDisposition(file.name),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'no-store',
        // RFC 9530: the SHA-256 recorded when the file came in.
        'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
        'X-Evidence-Media-Type': file.mediaType,
        'X-Evidence-Scan-Status': file.scan.status,
      });
    }),
  );

  server.post(
    '/api/support/tickets/:number/files/:fileId/scan-result',
    guarded(async (req, res, principal) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const verdict = body.verdict;
      const detail = body.detail;
      if (
        (verdict !== 'clean' && verdict !== 'malicious') ||
        (detail !== undefined && (typeof detail !== 'string' || detail.length > 500))
      ) {
        return sendProblem(res, 'invalid-request', 'The body is not valid.', {
          problems: [
            {
              field: verdict !== 'clean' && verdict !== 'malicious' ? 'verdict' : 'detail',
              message:
                verdict !== 'clean' && verdict !== 'malicious'
                  ? 'verdict must be "clean" or "malicious"'
                  : 'detail must be text of at most 500 characters',
            },
          ],
        });
      }
      const number = numberOf(req);
      const file = await evidence.setScanVerdict(
        number,
        String(req.params.fileId ?? ''),
        verdict,
        typeof detail === 'string' ? detail : undefined,
      );
      if (!file) return sendProblem(res, 'not-found', 'No such file on this ticket.');
      logger.info(
        {
          event: 'evidence.scanned',
          confirmationNumber: number,
          fileId: file.id,
          verdict,
          actor: principal.id,
        },
        'evidence file scan verdict set',
      );
      res.send(200, { file: evidenceFileJson(number, file) });
    }),
  );
}

function supportActor(principal: Principal): Actor {
  return { kind: 'support', id: principal.id, ...(principal.name ? { name: principal.name } : {}) };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

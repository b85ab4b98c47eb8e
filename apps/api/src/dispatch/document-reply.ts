import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../common/xlsx';
import { buildDocx, buildPrintHtml, type DistrictDocument, DOCX_MIME } from './documents';

/** Send a district document as a .docx download (UTF-8 file name, ASCII fallback). */
export async function sendDocx(
  reply: FastifyReply,
  document: DistrictDocument,
  fileName: string,
  asciiName: string,
) {
  const body = await buildDocx(document);
  return reply
    .header('Content-Type', DOCX_MIME)
    .header('Content-Disposition', contentDisposition(asciiName, fileName))
    .header('Cache-Control', 'no-store')
    .send(body);
}

/** Send a district document's A4 print view (HTML with print CSS). */
export function sendPrintView(reply: FastifyReply, document: DistrictDocument) {
  return reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(buildPrintHtml(document));
}

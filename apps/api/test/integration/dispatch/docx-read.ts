/* Read a .docx answer back (jszip): its main document XML and its plain text. */
import JSZip from 'jszip';
import type { TestStack } from '@luodi/testing';

export async function fetchDocx(
  stack: TestStack,
  token: string,
  path: string,
): Promise<{ status: number; contentType: string | null; xml: string; text: string }> {
  const response = await fetch(`${stack.api.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    return { status: response.status, contentType: response.headers.get('content-type'), xml: '', text: '' };
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
  return { status: response.status, contentType: response.headers.get('content-type'), xml, text };
}

/** The rows of the document's tables as cell texts. */
export function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
      [...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(''),
    ),
  );
}

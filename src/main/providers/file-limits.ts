// How big a file gets once it is sent: PDFs and images travel base64-encoded inside the request, which is what
// the providers' request-size limits count.
export const MB = 1024 * 1024;

export function base64Bytes(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

export function sizeText(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

// Browser downloads: a single-use URL the server issued (exports, raw files, the methods bundle), or text made in
// the page (an agreement CSV) through a Blob URL.

export function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

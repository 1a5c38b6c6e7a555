/**
 * Hands a file to the browser's download (exports need the admin token, so they are fetched and
 * saved from memory rather than linked).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click's task has run.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

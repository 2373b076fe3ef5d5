import { toasts } from '$lib/toasts.svelte';

/** The file name the server suggests in Content-Disposition, or the fallback. */
const suggestedName = (res: Response, fallback: string): string =>
  /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/**
 * Fetches a facilitator-only file (report, backup) with the key as a Bearer token and saves it.
 * The key never goes into a URL, where it would end up in history and logs.
 */
export async function downloadFile(
  path: string,
  facilitatorKey: string,
  fallbackName: string,
  what: string,
): Promise<boolean> {
  try {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${facilitatorKey}` } });
    if (!res.ok) throw new Error(String(res.status));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName(res, fallbackName);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  } catch {
    toasts.error(`Could not download the ${what}. Check the connection, then try again.`);
    return false;
  }
}

import { m } from '$lib/paraglide/messages';
import { toasts } from '$lib/toasts.svelte';

/** Fetches the poll results as CSV with the facilitator key and saves them as a file. */
export async function downloadCsv(
  workshopId: string,
  facilitatorKey: string,
  pollId: string | null,
): Promise<void> {
  const query = pollId ? `?pollId=${encodeURIComponent(pollId)}` : '';
  try {
    const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/polls.csv${query}`, {
      headers: { Authorization: `Bearer ${facilitatorKey}` },
    });
    if (!res.ok) throw new Error(String(res.status));
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = pollId ? `poll-${pollId}.csv` : 'polls.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    toasts.error(m.console_csv_failed());
  }
}

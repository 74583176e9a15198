/**
 * Display helpers shared by console pages, so every page shows times and statuses the same,
 * locale-free way (screenshots and tests read the same text on any machine).
 */

/** An ISO timestamp as "2026-11-25 10:00:00 UTC" (the input unchanged when it is not a time). */
export function displayTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The badge class of a transStatus value (status-Y, status-N, ...); a plain badge for anything else. */
export function statusClass(transStatus: string): string {
  return /^[YNUARCDI]$/.test(transStatus) ? `status-${transStatus}` : 'badge';
}

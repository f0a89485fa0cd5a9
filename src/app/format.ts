/** Times in replies: unambiguous and the same in every language (UTC, minutes). */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Whether a host name or address only reaches this machine (a bind address, a URL's host). */
export function isLoopbackHost(value: string): boolean {
  return value === 'localhost' || value === '::1' || /^127\.\d+\.\d+\.\d+$/.test(value);
}

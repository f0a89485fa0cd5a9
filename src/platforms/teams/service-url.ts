import { isLoopbackHost } from '../../loopback-host.js';

/**
 * Where the Bot Framework's connector lives: an activity's `serviceUrl` is where the bot will POST its replies and
 * alerts (with its token attached in production), so it must be one of these hosts — public cloud, US government
 * clouds and Azure China — over https. Anything else is an attempt to make the bot call another server.
 */
const EXACT_HOSTS = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
const HOST_SUFFIXES = ['.botframework.com', '.botframework.us', '.botframework.azure.cn'];

function urlOf(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Whether a `serviceUrl` may be called. Production (`authenticated`): https on a Bot Framework host. Development
 * mode (no MICROSOFT_APP_ID, the Emulator protocol): loopback only, since any caller could name any server.
 */
export function serviceUrlTrusted(value: string, authenticated: boolean): boolean {
  const url = urlOf(value);
  if (url === undefined || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!authenticated) return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(host);
  return url.protocol === 'https:' && (EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)));
}

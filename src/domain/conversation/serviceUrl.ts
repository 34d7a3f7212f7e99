/**
 * Which `serviceUrl` the bot may call. The Bot Connector's address comes from the activity, so
 * without a check anyone who can post an activity (or who got a conversation reference stored) makes the
 * bot send requests to a host and port of their choice. Pure: only the global URL class, no I/O.
 */

/**
 * The Bot Framework and Teams connector hosts, verified against Microsoft's documentation (Teams proactive
 * service endpoints; Bot Service regionalisation; sovereign clouds). `*.` matches any subdomain (not the
 * bare domain). Paths are not part of the check: Teams uses regional paths such as /emea/ or /amer/.
 */
export const BOT_FRAMEWORK_SERVICE_HOSTS: readonly string[] = [
  // Public cloud: Teams (all regional paths) and every Bot Framework channel, incl. the EU and India
  // data-residency hosts (europe.webchat.botframework.com, europe.token.botframework.com, …).
  'smba.trafficmanager.net',
  '*.botframework.com',
  // US government: GCC, GCC High, DoD, and the Azure Government Bot Service.
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  '*.botframework.azure.us',
  // China (operated by 21Vianet): the Bot Service and Teams.
  '*.botframework.azure.cn',
  '*.teams.microsoftonline.cn',
];

export interface ServiceUrlPolicy {
  /** Host patterns reachable over https on the default port (exact host or `*.domain`). */
  readonly hosts: readonly string[];
  /** Exact origins (`https://host:port`, or `http://` on a loopback address) added by configuration. */
  readonly origins: readonly string[];
  /** Local mode only: any loopback address, http or https, any port (Emulator, curl, tests). */
  readonly allowLoopback: boolean;
}

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** 127.0.0.0/8, ::1 and localhost, as the URL class normalises them (hostname of `http://[::1]/` is `[::1]`). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4[1] === '127' && v4.slice(2).every((o) => Number(o) <= 255);
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export type ServiceUrlEntry =
  { readonly kind: 'host'; readonly host: string } | { readonly kind: 'origin'; readonly origin: string };

/**
 * One entry of the configured extension: a host (`bots.example.org`, `*.example.org`: https on port 443) or an
 * origin (`https://host:port`; `http://` only on a loopback address, for local fakes of the Bot Connector).
 */
export function parseServiceUrlEntry(entry: string): ServiceUrlEntry | { readonly error: string } {
  const value = entry.trim().toLowerCase();
  if (!value.includes('://')) {
    return HOST_PATTERN.test(value)
      ? { kind: 'host', host: value }
      : { error: `"${entry}" is not a host name (e.g. bots.example.org or *.example.org)` };
  }
  const url = parse(value);
  if (
    url === undefined ||
    url.username !== '' ||
    url.password !== '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return { error: `"${entry}" is not an origin (scheme://host[:port], nothing after it)` };
  }
  if (url.protocol === 'https:') return { kind: 'origin', origin: url.origin };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { kind: 'origin', origin: url.origin };
  return { error: `"${entry}" must use https (http only on a loopback address)` };
}

/** The built-in hosts plus the configured entries (already validated with parseServiceUrlEntry). */
export function serviceUrlPolicy(extra: readonly ServiceUrlEntry[], allowLoopback: boolean): ServiceUrlPolicy {
  return {
    hosts: [...BOT_FRAMEWORK_SERVICE_HOSTS, ...extra.flatMap((e) => (e.kind === 'host' ? [e.host] : []))],
    origins: extra.flatMap((e) => (e.kind === 'origin' ? [e.origin] : [])),
    allowLoopback,
  };
}

function matchesHost(pattern: string, hostname: string): boolean {
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(1); // ".example.org"
    return hostname.endsWith(domain) && hostname.length > domain.length;
  }
  return hostname === pattern;
}

/** Whether the bot may send requests to this serviceUrl. Anything unparsable or with credentials in it is refused. */
export function isServiceUrlAllowed(serviceUrl: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048) return false;
  const url = parse(serviceUrl);
  if (url === undefined || url.username !== '' || url.password !== '') return false;
  const hostname = url.hostname.toLowerCase();
  if (policy.origins.includes(url.origin)) return true;
  if (policy.allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(hostname))
    return true;
  // The connector hosts are reached on the default https port only.
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return policy.hosts.some((pattern) => matchesHost(pattern, hostname));
}

// The same URL rules as the API (src/aura/urls.py), with the same messages, so most mistakes
// are caught while typing. The server stays the judge: its 422 messages replace these.

export const MAX_URL_LENGTH = 2048;
/** The API's default AURA_MAX_BATCH_URLS; a server configured otherwise answers with a 422. */
export const DEFAULT_MAX_URLS = 10;

export class InvalidUrlError extends Error {}

/** Python's repr() of a str, as the API quotes URLs in its messages. */
export function pyRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}

function ipv4(host: string): boolean {
  const parts = host.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === "0" || !p.startsWith("0")));
}

function ipv6(host: string): boolean {
  if (!host.includes(":") || !/^[0-9a-f:.]+$/i.test(host)) return false;
  try {
    return new URL(`http://[${host}]/`).hostname.length > 0;
  } catch {
    return false;
  }
}

function numericIpv4(host: string): boolean {
  const labels = host.split(".");
  if (labels.length > 4) return false;
  return labels.every((label) => {
    const lower = label.toLowerCase();
    if (lower.startsWith("0x")) return /^[0-9a-f]+$/.test(lower.slice(2));
    return /^\d+$/.test(label);
  });
}

function validHostname(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split(".");
  for (const label of labels) {
    if (!label || label.length > 63 || label.startsWith("-") || label.endsWith("-")) return false;
    if (!/^[a-z0-9_-]+$/i.test(label)) return false;
  }
  return !labels.every((l) => /^\d+$/.test(l)) && !numericIpv4(host);
}

function toAscii(host: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/** The canonical form of a user-typed URL, or an InvalidUrlError with the API's message. */
export function normaliseUrl(raw: string): string {
  let text = raw.trim();
  const shown = pyRepr(text);
  if (!text) throw new InvalidUrlError("an empty URL was given");
  if (text.length > MAX_URL_LENGTH) {
    throw new InvalidUrlError(`${text.slice(0, 60)}… is longer than ${MAX_URL_LENGTH} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f]/.test(text)) {
    throw new InvalidUrlError(`${shown} contains white space or control characters`);
  }
  if (!text.includes("://")) {
    const head = text.split("/", 1)[0] ?? "";
    if (head.includes(":") && !/:\d+$/.test(head)) {
      const scheme = text.split(":", 1)[0] ?? "";
      if (["http", "https"].includes(scheme.toLowerCase())) {
        // http:/host, http:\\host: browsers guess, the API does not.
        throw new InvalidUrlError(`${shown} is not a valid URL: write ${scheme}://host/`);
      }
      throw new InvalidUrlError(`${shown} uses the scheme ${pyRepr(scheme)}; only http and https`);
    }
    const bare = head.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
    const local = bare === "localhost" || ipv4(bare) || ipv6(bare);
    text = (local ? "http://" : "https://") + text;
  }
  const schemeEnd = text.indexOf("://");
  const scheme = text.slice(0, schemeEnd).toLowerCase();
  if (scheme !== "http" && scheme !== "https") {
    throw new InvalidUrlError(`${shown} uses the scheme ${pyRepr(scheme)}; only http and https`);
  }
  let rest = text.slice(schemeEnd + 3);
  rest = rest.split("#", 1)[0] ?? "";
  const cut = rest.search(/[/?]/);
  const netloc = cut === -1 ? rest : rest.slice(0, cut);
  let tail = cut === -1 ? "" : rest.slice(cut);
  if (netloc.includes("@") === false && /:0+$/.test(netloc)) {
    throw new InvalidUrlError(`${shown} has port 0, which nothing can listen on`);
  }
  if (netloc.includes("@")) throw new InvalidUrlError(`${shown} contains credentials; they are not allowed`);

  let host = netloc;
  let port: number | null = null;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(netloc);
  let portText: string | undefined;
  if (bracketed) {
    host = bracketed[1] ?? "";
    portText = bracketed[2];
  } else if (netloc.includes(":")) {
    const at = netloc.lastIndexOf(":");
    host = netloc.slice(0, at);
    portText = netloc.slice(at + 1);
  }
  if (portText !== undefined && portText !== "") {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
      throw new InvalidUrlError(`${shown} is not a valid URL (Port out of range 0-65535)`);
    }
    port = Number(portText);
  }
  host = host.replace(/\.$/, "");
  if (!host) throw new InvalidUrlError(`${shown} has no host name`);
  const ascii = toAscii(host);
  if (ascii === null) throw new InvalidUrlError(`${shown} has an invalid host name`);
  host = ascii.toLowerCase();
  const isV6 = bracketed !== null && ipv6(host);
  if (!isV6 && !ipv4(host) && !validHostname(host)) {
    throw new InvalidUrlError(`${shown} has an invalid host name ${pyRepr(host)}`);
  }
  let hostPart = isV6 ? `[${host}]` : host;
  const defaultPort = scheme === "http" ? 80 : 443;
  if (port !== null && port !== defaultPort) hostPart = `${hostPart}:${port}`;
  if (!tail.startsWith("/")) tail = `/${tail}`;
  return `${scheme}://${hostPart}${tail}`;
}

export interface UrlRow {
  key: string;
  value: string;
  /** What to call the site in the comparison; empty: the name on its page. */
  label?: string;
}

export interface FormProblems {
  /** Problems of URL rows, by row key. */
  rows: Record<string, string>;
  /** A problem of the list as a whole (too few or too many). */
  urls?: string;
  name?: string;
  mode?: string;
}

export function hasProblems(problems: FormProblems): boolean {
  return Object.keys(problems.rows).length > 0 || !!problems.urls || !!problems.name || !!problems.mode;
}

/** Rows that will be sent: the first (own site) always, the others when not blank. */
export function submittedRows(rows: UrlRow[]): UrlRow[] {
  return rows.filter((row, index) => index === 0 || row.value.trim() !== "");
}

/** Every problem in the form: a field's in the API's words, the list's in the user's. */
export function validateForm(
  rows: UrlRow[],
  name: string,
  maxUrls: number = DEFAULT_MAX_URLS,
): FormProblems {
  const problems: FormProblems = { rows: {} };
  const sent = submittedRows(rows);
  if (sent.length < 2) {
    problems.urls = "Add at least one competitor.";
  } else if (sent.length > maxUrls) {
    const extra = sent.length - maxUrls;
    problems.urls = `Compare at most ${maxUrls - 1} competitors: remove ${extra} site${extra === 1 ? "" : "s"}.`;
  }
  const firstIndex = new Map<string, number>();
  sent.forEach((row, index) => {
    let url: string;
    try {
      url = normaliseUrl(row.value);
    } catch (error) {
      problems.rows[row.key] = error instanceof Error ? error.message : String(error);
      return;
    }
    const earlier = firstIndex.get(url);
    if (earlier !== undefined) {
      problems.rows[row.key] = `${pyRepr(row.value.trim())} is the same URL as entry ${earlier + 1} (${url})`;
      return;
    }
    firstIndex.set(url, index);
  });
  if (name.trim().length > 200) problems.name = "String should have at most 200 characters";
  return problems;
}

/** Splits pasted text into URLs: one per line, or separated by spaces, commas or semicolons. */
export function splitPastedUrls(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

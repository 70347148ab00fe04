import type {
  Analysis,
  Batch,
  BatchCreate,
  BatchPage,
  ComparisonRead,
  ServerStatusRead,
} from "./types";

/** One problem the API reported about a request field (FastAPI's 422 shape). */
export interface FieldProblem {
  loc: (string | number)[];
  msg: string;
}

/** An HTTP error from the API, carrying its status and the server's own words. */
export class ApiError extends Error {
  readonly status: number;
  readonly problems: FieldProblem[];

  constructor(status: number, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problems = problems;
  }

  /** True when the server could not be reached at all (restarting, offline). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { loc?: unknown; msg?: unknown };
  return Array.isArray(candidate.loc) && typeof candidate.msg === "string";
}

async function errorFrom(response: Response): Promise<ApiError> {
  let detail: unknown = null;
  try {
    detail = ((await response.json()) as { detail?: unknown }).detail;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status line.
  }
  if (Array.isArray(detail)) {
    const problems = detail.filter(isFieldProblem);
    const message = problems.map((p) => p.msg).join("; ") || response.statusText;
    return new ApiError(response.status, message, problems);
  }
  let message = typeof detail === "string" ? detail : `${response.status} ${response.statusText}`;
  const retryAfter = response.headers.get("Retry-After");
  if (response.status === 429 && retryAfter) message = `${message} (try again in ${retryAfter} s)`;
  return new ApiError(response.status, message);
}

const TOKEN_KEY = "aura.token";

/** The API token (when the server requires one, AURA_API_TOKENS), kept in this browser. */
export function getToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the token lasts until the page is reloaded.
  }
  window.dispatchEvent(new Event("aura:token"));
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Announced when the server refuses a request for want of a valid token. */
export const UNAUTHORIZED_EVENT = "aura:unauthorized";

export async function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init?.body ? { "Content-Type": "application/json" } : {}),
      ...authHeaders(),
    },
  });
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return response;
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(path, init);
  } catch {
    throw new ApiError(0, "The Aura server cannot be reached. It may be restarting.");
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const BATCHES = "/api/v1/competitive";

export const api = {
  listBatches: (page = 1, pageSize = 50) =>
    request<BatchPage>(`${BATCHES}/?page=${page}&page_size=${pageSize}`),
  getBatch: (id: string) => request<Batch>(`${BATCHES}/${encodeURIComponent(id)}`),
  createBatch: (body: BatchCreate) =>
    request<Batch>(`${BATCHES}/`, { method: "POST", body: JSON.stringify(body) }),
  deleteBatch: (id: string) =>
    request<void>(`${BATCHES}/${encodeURIComponent(id)}`, { method: "DELETE" }),
  cancelBatch: (id: string) =>
    request<Batch>(`${BATCHES}/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
  getComparison: (id: string) =>
    request<ComparisonRead>(`${BATCHES}/${encodeURIComponent(id)}/comparison`),
  getAnalysis: (id: string) =>
    request<Analysis>(`/api/v1/analyses/${encodeURIComponent(id)}`),
  getStatus: () => request<ServerStatusRead>("/api/v1/status"),
};

export function batchSocketUrl(id: string): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const token = getToken();
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  return `${scheme}://${window.location.host}${BATCHES}/${encodeURIComponent(id)}/ws${query}`;
}

export function screenshotUrl(analysisId: string, name: string): string {
  // An <img> cannot send the Authorization header: the server accepts ?token= here.
  const token = getToken();
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  return `/api/v1/analyses/${encodeURIComponent(analysisId)}/screenshots/${encodeURIComponent(name)}${query}`;
}
